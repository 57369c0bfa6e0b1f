package kr.compliance.serve;

/** What was asked for does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
