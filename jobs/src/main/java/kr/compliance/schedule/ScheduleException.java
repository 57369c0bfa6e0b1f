package kr.compliance.schedule;

/** A scheduled or requested run could not be started or did not complete; the message says why. */
public class ScheduleException extends RuntimeException {

    public ScheduleException(String message) {
        super(message);
    }

    public ScheduleException(String message, Throwable cause) {
        super(message, cause);
    }
}
