package kr.compliance.pack;

/** A pack could not be made or read; the message says what and what to do. */
public class PackException extends RuntimeException {

    public PackException(String message) {
        super(message);
    }

    public PackException(String message, Throwable cause) {
        super(message, cause);
    }
}
