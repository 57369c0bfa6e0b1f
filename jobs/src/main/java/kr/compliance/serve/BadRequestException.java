package kr.compliance.serve;

/** A parameter the API cannot use: answered with 400 and the message. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
