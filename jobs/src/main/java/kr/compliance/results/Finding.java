package kr.compliance.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One (control, subject) finding of a run, the columns of {@code findings.csv}; the reference
 * time is in the run's report zone.
 */
public record Finding(
        @JsonProperty("control_id") String controlId,
        String requirement,
        @JsonProperty("subject_type") String subjectType,
        @JsonProperty("subject_id") String subjectId,
        String status,
        String reason,
        @JsonProperty("evidence_refs") String evidenceRefs,
        @JsonProperty("reference_time") OffsetDateTime referenceTime) {

    /** The header of {@code findings.csv}, in the pack and from the API alike. */
    public static final List<String> CSV_HEADER = List.of(
            "control_id",
            "requirement",
            "subject_type",
            "subject_id",
            "status",
            "reason",
            "evidence_refs",
            "reference_time");

    /** The row of {@code findings.csv}: the text the pack and the API's CSV both write. */
    public String[] csvValues() {
        return new String[] {
            controlId,
            requirement,
            subjectType,
            subjectId,
            status,
            reason,
            evidenceRefs,
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(referenceTime)
        };
    }
}
