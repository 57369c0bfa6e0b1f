package kr.compliance.schedule;

/** A scoring or pack run of the period is already in progress somewhere in the cluster. */
public class RunAlreadyActiveException extends ScheduleException {

    RunAlreadyActiveException(String period, Throwable cause) {
        super("a run of " + period + " is already in progress; wait for it to finish (GET /api/runs/{run_id})", cause);
    }
}
