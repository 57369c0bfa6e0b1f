package kr.compliance.scoring.controls;

import java.util.List;

/**
 * What a rule decided for one subject: a status, one sentence a person can act on, and the ids of
 * the records that decided it.
 */
public record Verdict(Status status, String reason, List<String> evidence) {

    public static Verdict pass(String reason, List<String> evidence) {
        return new Verdict(Status.PASS, reason, evidence);
    }

    public static Verdict fail(String reason, List<String> evidence) {
        return new Verdict(Status.FAIL, reason, evidence);
    }

    public static Verdict pending(String reason, List<String> evidence) {
        return new Verdict(Status.PENDING, reason, evidence);
    }
}
