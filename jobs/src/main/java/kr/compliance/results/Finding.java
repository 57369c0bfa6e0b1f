package kr.compliance.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One (control, subject) finding of a run, the columns of {@code findings.csv}; the reference
 * time is in the run's report zone. The reason is the English text as stored, and its code and
 * parameters (a JSON object), from which {@link #reasonIn} words it in a language; a finding
 * stored before reasons had codes has neither, and its text is its reason in every language.
 *
 * @param exceptionId the approved exception that covers the failure (status EXCEPTION), else null
 */
public record Finding(
        @JsonProperty("control_id") String controlId,
        String requirement,
        @JsonProperty("subject_type") String subjectType,
        @JsonProperty("subject_id") String subjectId,
        String status,
        String reason,
        @JsonProperty("evidence_refs") String evidenceRefs,
        @JsonProperty("reference_time") OffsetDateTime referenceTime,
        @JsonProperty("reason_code") String reasonCode,

        @JsonProperty("reason_params") @JsonRawValue String reasonParams,

        @JsonIgnore String exceptionId) {

    /** The header of {@code findings.csv}, in the pack (reason in its language) and from the API (English). */
    public static final List<String> CSV_HEADER = List.of(
            "control_id",
            "requirement",
            "subject_type",
            "subject_id",
            "status",
            "reason",
            "evidence_refs",
            "reference_time",
            "reason_code",
            "reason_params");

    /** The reason in {@code ko} or {@code en}, with the exception that covers it, if one does. */
    public String reasonIn(String lang) {
        return new ReasonWording(reason, reasonCode, reasonParams, exceptionId).in(lang);
    }

    /** The row of the API's {@code findings.csv}: the reason in English, as stored. */
    public String[] csvValues() {
        return new String[] {
            controlId,
            requirement,
            subjectType,
            subjectId,
            status,
            reason,
            evidenceRefs,
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(referenceTime),
            reasonCode,
            reasonParams
        };
    }
}
