package kr.compliance.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** One finding, with the columns of {@code findings.csv}. */
public record FindingRow(
        @JsonProperty("control_id") String controlId,
        String requirement,
        @JsonProperty("subject_type") String subjectType,
        @JsonProperty("subject_id") String subjectId,
        String status,
        String reason,
        @JsonProperty("evidence_refs") String evidenceRefs,
        @JsonProperty("reference_time") OffsetDateTime referenceTime) {

    static final String[] CSV_HEADER = {
        "control_id", "requirement", "subject_type", "subject_id", "status", "reason", "evidence_refs", "reference_time"
    };

    String[] csvValues() {
        return new String[] {
            controlId, requirement, subjectType, subjectId, status, reason, evidenceRefs, referenceTime.toString()
        };
    }
}
