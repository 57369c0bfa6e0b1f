package kr.compliance.scoring;

import java.time.Instant;
import java.util.List;
import kr.compliance.scoring.controls.Status;
import kr.compliance.scoring.controls.SubjectType;

/** One (control, subject) finding of a scoring run, with the records that decided it. */
public record Finding(
        String controlId,
        String requirement,
        SubjectType subjectType,
        String subjectId,
        Status status,
        String reason,
        List<String> evidenceRefs,
        Instant referenceTime) {

    /** Evidence ids as stored: separated by {@code ;}. */
    public static final String REF_SEPARATOR = ";";
}
