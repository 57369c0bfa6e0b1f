package kr.compliance.serve;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.compliance.pack.SubmissionLedger;
import kr.compliance.pack.SubmissionRefusedException;
import kr.compliance.pack.Submissions;
import kr.compliance.results.RunNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/periods/{period}/submission}: submits a run as the signed-in user (OFFICER and
 * ADMIN), as {@code compliance submit} does; the pack goes to {@code $COMPLIANCE_HOME/submissions}.
 */
@RestController
class SubmissionController {

    private final Submissions submissions;

    SubmissionController(Submissions submissions) {
        this.submissions = submissions;
    }

    @PostMapping("/api/periods/{period}/submission")
    ResponseEntity<Map<String, Object>> submit(
            @PathVariable String period,
            @RequestParam(required = false) Long run,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "ko") String lang,
            Principal user) {
        Submissions.Submitted submitted = submissions.submit(
                new Submissions.Request(RunChoice.period(period), run, reason, null, lang, user.getName()));
        SubmissionLedger.Row row = submitted.row();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submission_id", row.submissionId());
        body.put("period", row.period());
        body.put("run_id", row.runId());
        body.put("submitted_by", row.submittedBy());
        body.put("submitted_at", row.submittedAt().toString());
        body.put("amends_submission_id", row.amendsSubmissionId());
        body.put("pack_sha256", row.packSha256());
        body.put("manifest_sha256", row.manifestSha256());
        body.put("pack_size", submitted.pack().size());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    /** A resubmission without a reason, a run submitted already, another submission in progress: 409; else 400. */
    @ExceptionHandler(SubmissionRefusedException.class)
    ResponseEntity<ErrorBody> refused(SubmissionRefusedException e) {
        HttpStatus status = e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(new ErrorBody(e.getMessage(), status.value()));
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<ErrorBody> noRun(RunNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ErrorBody(e.getMessage(), 404));
    }
}
