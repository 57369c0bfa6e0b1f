package kr.compliance.scoring;

import java.time.Instant;
import java.util.List;
import kr.compliance.scoring.controls.Status;
import kr.compliance.scoring.controls.SubjectType;

/**
 * One (control, subject) finding of a scoring run, with the records that decided it; its reason
 * in English and as its code and parameters ({@code controls.Reason}), which each language words.
 */
public record Finding(
        String controlId,
        String requirement,
        SubjectType subjectType,
        String subjectId,
        Status status,
        String reason,
        String reasonCode,
        String reasonParams,
        List<String> evidenceRefs,
        Instant referenceTime) {

    /** Evidence ids as stored: separated by {@code ;}. */
    public static final String REF_SEPARATOR = ";";
}
