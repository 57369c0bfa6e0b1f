package kr.compliance.scoring;

import java.math.BigInteger;
import java.util.Comparator;
import kr.compliance.scoring.controls.RunbookFacts;

/**
 * Which of two versions of a runbook is in force: the later review; among equal reviews the
 * greater version, compared as numbers when both are whole numbers, else as text.
 */
final class RunbookVersions {

    static final Comparator<RunbookFacts> LATEST = Comparator.comparing(RunbookFacts::lastReviewedAt)
            .thenComparing(RunbookFacts::version, RunbookVersions::compareVersions);

    private RunbookVersions() {}

    static int compareVersions(String a, String b) {
        if (a.matches("\\d+") && b.matches("\\d+")) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return a.compareTo(b);
    }
}
