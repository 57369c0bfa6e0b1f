package kr.compliance.schedule;

/** No requested run has that id. */
public class UnknownRunException extends ScheduleException {

    UnknownRunException(String runId) {
        super("no run has the id '" + runId + "'; POST /api/periods/{period}/runs returns one");
    }
}
