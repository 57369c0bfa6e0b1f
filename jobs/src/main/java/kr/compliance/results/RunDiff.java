package kr.compliance.results;

import java.time.Instant;
import java.util.List;

/**
 * What changed from one run of a period to another, and why, besides the findings that changed
 * (streamed by {@link ScoringResults#eachChange}): the policy (its versions and the keys that
 * differ), the as-of, the evidence loads between them, and each requirement's restatement.
 */
public record RunDiff(
        Run from,
        Run to,
        String policyBefore,
        String policyAfter,
        List<String> policyKeysChanged,
        Instant asOfBefore,
        Instant asOfAfter,
        List<Load> loadsBetween,
        List<Restatement> requirements) {

    /** A load of evidence that finished between the two runs' evidence. */
    public record Load(long loadId, String kind, String file) {}

    public boolean asOfChanged() {
        return !asOfBefore.equals(asOfAfter);
    }

    /** The causes that concern every finding alike: a changed policy, as-of, or new evidence loads. */
    public String runCauses() {
        StringBuilder causes = new StringBuilder();
        if (!policyKeysChanged.isEmpty()) {
            causes.append("policy ")
                    .append(policyBefore)
                    .append(" -> ")
                    .append(policyAfter)
                    .append(" (")
                    .append(String.join(", ", policyKeysChanged))
                    .append(")");
        }
        if (asOfChanged()) {
            causes.append(causes.isEmpty() ? "" : "; ")
                    .append("as-of ")
                    .append(asOfBefore)
                    .append(" -> ")
                    .append(asOfAfter);
        }
        return causes.toString();
    }
}
