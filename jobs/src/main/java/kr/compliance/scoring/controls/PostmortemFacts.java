package kr.compliance.scoring.controls;

import java.time.Instant;
import java.util.List;

/** A postmortem published by as-of, of an incident in the period, with its action items. */
public record PostmortemFacts(
        String postmortemId,
        String incidentId,
        Instant incidentStartedAt,
        Instant publishedAt,
        String templateVersion,
        String rootCause,
        List<String> actionItemIds) {}
