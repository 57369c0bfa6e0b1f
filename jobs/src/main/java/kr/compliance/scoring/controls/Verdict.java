package kr.compliance.scoring.controls;

import java.util.List;

/**
 * What a rule decided for one subject: a status, the reason a person can act on (a code and its
 * parameters, worded in each language by {@link ReasonText}), and the ids of the records that
 * decided it.
 */
public record Verdict(Status status, Reason reason, List<String> evidence) {

    public static Verdict pass(Reason reason, List<String> evidence) {
        return new Verdict(Status.PASS, reason, evidence);
    }

    public static Verdict fail(Reason reason, List<String> evidence) {
        return new Verdict(Status.FAIL, reason, evidence);
    }

    public static Verdict pending(Reason reason, List<String> evidence) {
        return new Verdict(Status.PENDING, reason, evidence);
    }
}
