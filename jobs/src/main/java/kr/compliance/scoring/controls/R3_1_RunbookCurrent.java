package kr.compliance.scoring.controls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * R3.1 RUNBOOK_CURRENT. Subject: every INCIDENT. PASS when a runbook for the incident's
 * {@code incident_type} was reviewed within 365 days [r3.review-max-age] before (or at) the
 * incident's {@code started_at}.
 */
public final class R3_1_RunbookCurrent implements Control<IncidentFacts> {

    @Override
    public String id() {
        return "R3.1";
    }

    @Override
    public Optional<Verdict> judge(IncidentFacts incident, Judging judging) {
        IncidentFacts.RunbookReview review = incident.latestReview();
        if (review == null) {
            return Optional.of(Verdict.fail(
                    Reason.of("R3.1.no-runbook")
                            .with("incidentType", incident.incidentType().strip())
                            .with("started", judging.time(incident.startedAt())),
                    List.of()));
        }
        Duration age = Duration.between(review.reviewedAt(), incident.startedAt());
        Duration limit = judging.policy().reviewMaxAge();
        Reason reason = Reason.of(age.compareTo(limit) <= 0 ? "R3.1.reviewed" : "R3.1.review-too-old")
                .with("runbook", review.runbookId())
                .with("version", review.version())
                .with("reviewed", judging.time(review.reviewedAt()))
                .with("age", age)
                .with("limit", limit);
        List<String> evidence = List.of(review.runbookId() + "@" + review.version());
        return Optional.of(age.compareTo(limit) <= 0 ? Verdict.pass(reason, evidence) : Verdict.fail(reason, evidence));
    }
}
