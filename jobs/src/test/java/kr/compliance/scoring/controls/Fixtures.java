package kr.compliance.scoring.controls;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.scoring.policy.PolicyFile;
import org.springframework.core.io.ClassPathResource;

/** Facts for the rule tables: a baseline subject that passes, changed one field at a time. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-08-01T09:00:00Z");
    static final Policy POLICY = PolicyFile.read(new ClassPathResource("policy/default-policy.yml"));
    static final Judging LATE_AS_OF =
            new Judging(POLICY, Instant.parse("2026-12-31T00:00:00Z"), ZoneId.of("Asia/Seoul"));

    private Fixtures() {}

    static Instant at(Duration offsetFromT0) {
        return T0.plus(offsetFromT0);
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Judging asOf(Instant asOf) {
        return new Judging(POLICY, asOf, ZoneId.of("Asia/Seoul"));
    }

    static Judging withPolicy(Policy policy) {
        return new Judging(policy, LATE_AS_OF.asOf(), LATE_AS_OF.zone());
    }

    static Status status(java.util.Optional<Verdict> verdict) {
        return verdict.map(Verdict::status).orElse(null);
    }

    /** A MAJOR UPDATE started at T0, approved before, in its window, with a good pre-test. */
    static final class Change {
        String type = "UPDATE";
        String scale = "MAJOR";
        boolean destructive = false;
        String requestedBy = "kim";
        String approvedBy = "lee";
        Instant approvedAt = T0.minus(min(60));
        Instant windowStart = T0.minus(min(30));
        Instant windowEnd = T0.plus(min(120));
        Instant endedAt = T0.plus(min(60));
        String rollbackPlan = "restore";
        List<ChangeFacts.TestFact> tests = new ArrayList<>(List.of(passed("T-1", "0.95", "E2E", T0.minus(min(60)))));
        ChangeFacts.OpenIncident openIncident = null;

        static ChangeFacts.TestFact passed(String id, String parity, String scope, Instant finished) {
            return new ChangeFacts.TestFact(
                    id, "PASSED", parity == null ? null : new BigDecimal(parity), scope, finished);
        }

        ChangeFacts facts() {
            return new ChangeFacts(
                    "CHG-1",
                    type,
                    scale,
                    destructive,
                    requestedBy,
                    approvedBy,
                    approvedAt,
                    windowStart,
                    windowEnd,
                    T0,
                    endedAt,
                    rollbackPlan,
                    "DC-A",
                    tests,
                    openIncident);
        }
    }

    /** A user-impacting SEV1 that started at T0 and meets every incident control. */
    static final class Incident {
        String severity = "SEV1";
        Instant detectedAt = T0.plus(min(2));
        Instant resolvedAt = T0.plus(min(60));
        BigDecimal usersAffectedPct = new BigDecimal("50");
        String detectionSource = "MONITORING";
        String commander = "han";
        Instant commanderAssignedAt = T0.plus(min(10));
        IncidentFacts.RunbookReview review =
                new IncidentFacts.RunbookReview("RB-1", "1", T0.minus(Duration.ofDays(30)));
        IncidentFacts.FirstPostmortem postmortem =
                new IncidentFacts.FirstPostmortem("PM-1", T0.plus(Duration.ofDays(2)));
        List<IncidentFacts.Notice> notices = new ArrayList<>(List.of(
                new IncidentFacts.Notice("N-1", "SNS", "INITIAL", T0.plus(min(12))),
                new IncidentFacts.Notice("N-2", "STATUS_PAGE", "UPDATE", T0.plus(min(20))),
                new IncidentFacts.Notice("N-3", "SNS", "RESOLVED", T0.plus(min(70)))));

        IncidentFacts facts() {
            return new IncidentFacts(
                    "INC-1",
                    severity,
                    "NETWORK",
                    T0,
                    detectedAt,
                    resolvedAt,
                    usersAffectedPct,
                    detectionSource,
                    commander,
                    commanderAssignedAt,
                    review,
                    postmortem,
                    notices);
        }
    }
}
