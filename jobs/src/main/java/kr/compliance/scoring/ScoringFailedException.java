package kr.compliance.scoring;

/** A scoring run could not be done; the message says what. The run is marked FAILED, never shown. */
public class ScoringFailedException extends RuntimeException {

    public ScoringFailedException(String message) {
        super(message);
    }

    public ScoringFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
