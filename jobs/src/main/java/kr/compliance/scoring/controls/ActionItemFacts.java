package kr.compliance.scoring.controls;

import java.time.Instant;

/** An action item due in the period; a closing after as-of is already removed. */
public record ActionItemFacts(String actionItemId, String postmortemId, Instant dueAt, Instant closedAt) {}
