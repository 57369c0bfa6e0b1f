package kr.compliance.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One (control, subject) whose finding differs between two runs: its status and reason before and
 * after (null where the finding did not exist; the reasons worded in any language, English in JSON), and the record revisions loaded between the two
 * runs' evidence that touched the subject or its evidence.
 */
public record FindingChange(
        @JsonProperty("control_id") String controlId,
        @JsonProperty("subject_type") String subjectType,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("status_before") String statusBefore,
        @JsonProperty("status_after") String statusAfter,
        @JsonProperty("reason_before") ReasonWording reasonBefore,
        @JsonProperty("reason_after") ReasonWording reasonAfter,
        List<Revision> revisions) {

    /** A revision of a record loaded after the earlier run's evidence, with where it came from. */
    public record Revision(
            String kind,
            @JsonProperty("record_id") String recordId,
            int revision,
            @JsonProperty("load_id") long loadId,
            String file,
            long line) {

        @Override
        public String toString() {
            return kind + " " + recordId + " revision " + revision + " (load " + loadId + ", " + file + " line " + line
                    + ")";
        }
    }
}
