package kr.compliance.schedule;

/** No scheduled job has that name. */
public class UnknownScheduleException extends ScheduleException {

    UnknownScheduleException(String name) {
        super("no scheduled job is named '" + name + "'; GET /api/schedule lists them");
    }
}
