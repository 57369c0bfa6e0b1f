package kr.compliance.scoring.controls;

import java.time.Instant;

/** The version of a runbook in force at the end of the period: its latest review before then. */
public record RunbookFacts(
        String runbookId, String version, String incidentType, String roles, Instant lastReviewedAt) {}
