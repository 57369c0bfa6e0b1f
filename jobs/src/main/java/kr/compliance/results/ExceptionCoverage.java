package kr.compliance.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An exception valid at some time in a run's period, with the findings of the run it turned into
 * {@code EXCEPTION} ({@code control subject}), or, when it covers none, why.
 */
public record ExceptionCoverage(
        @JsonProperty("exception_id") String exceptionId,
        @JsonProperty("control_id") String controlId,
        @JsonProperty("subject_id") String subjectId,
        String reason,
        @JsonProperty("approved_by") String approvedBy,
        @JsonProperty("valid_from") OffsetDateTime validFrom,
        @JsonProperty("valid_until") OffsetDateTime validUntil,
        List<String> covers,
        @JsonProperty("covers_nothing_because") String coversNothingBecause) {}
