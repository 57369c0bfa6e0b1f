package kr.compliance.ingest;

/** A load could not be done; the message says what and what to do. Nothing is half-visible. */
public class IngestFailedException extends RuntimeException {

    public IngestFailedException(String message) {
        super(message);
    }

    public IngestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
