package kr.compliance.scoring.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * The thresholds and scopes of the controls (docs/controls.md, the bracketed keys), read from a
 * versioned policy file. {@link PolicyFile} reads and checks it; the rules only read it.
 */
public record Policy(
        String version,
        String sha256,
        String content,
        Set<String> pretestTypes,
        Duration maxTestAge,
        BigDecimal minParity,
        Set<String> majorScales,
        Set<String> majorTypes,
        Duration emergencyApprovalGrace,
        Set<String> freezeSeverities,
        FreezeUntil freezeUntil,
        Duration reviewMaxAge,
        Set<String> requiredRoles,
        Set<String> commanderSeverities,
        Duration commanderWithin,
        Duration detectWithin,
        Set<String> postmortemSeverities,
        Duration postmortemWithin,
        BigDecimal minAffectedPct,
        Duration notifyWithin,
        Duration multiChannelWithin,
        int minChannels,
        Set<String> requiredChannels,
        Duration resolvedWithin,
        BigDecimal ratingGreen,
        BigDecimal ratingAmber) {

    /** When an incident stops freezing its data centre for R2.3. */
    public enum FreezeUntil {
        /** {@code closed_at}, else {@code resolved_at}. */
        CLOSED_OR_RESOLVED,
        /** {@code closed_at} only: the freeze lasts while it is blank. */
        CLOSED
    }
}
