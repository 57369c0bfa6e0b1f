package kr.compliance.pack;

/**
 * A submission that is not made: the message says why and what to do. {@link #conflict()} tells a
 * refusal because of what was submitted before (a resubmission without a reason, a run submitted
 * already, another submission in progress) from a request that is wrong in itself.
 */
public class SubmissionRefusedException extends PackException {

    private final boolean conflict;

    private SubmissionRefusedException(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    static SubmissionRefusedException conflict(String message) {
        return new SubmissionRefusedException(message, true);
    }

    static SubmissionRefusedException invalid(String message) {
        return new SubmissionRefusedException(message, false);
    }

    public boolean conflict() {
        return conflict;
    }
}
