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
                    "no runbook for incident type " + incident.incidentType().strip()
                            + " reviewed before the incident (" + judging.time(incident.startedAt()) + ")",
                    List.of()));
        }
        Duration age = Duration.between(review.reviewedAt(), incident.startedAt());
        String reviewed = "runbook " + review.runbookId() + " v" + review.version() + " reviewed "
                + judging.time(review.reviewedAt()) + ", " + Judging.duration(age) + " before the incident";
        List<String> evidence = List.of(review.runbookId() + "@" + review.version());
        Duration limit = judging.policy().reviewMaxAge();
        return Optional.of(
                age.compareTo(limit) <= 0
                        ? Verdict.pass(reviewed, evidence)
                        : Verdict.fail(reviewed + " (> " + Judging.duration(limit) + ")", evidence));
    }
}
