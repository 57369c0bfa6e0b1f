package kr.compliance.serve;

import java.security.Principal;
import java.util.Map;
import kr.compliance.schedule.RunAlreadyActiveException;
import kr.compliance.schedule.RunService;
import kr.compliance.schedule.UnknownRunException;
import kr.compliance.store.Quarter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/periods/{period}/runs} starts a scoring run and its pack; {@code GET /api/runs/{run_id}} follows it. */
@RestController
class RunsController {

    private final RunService runs;

    RunsController(RunService runs) {
        this.runs = runs;
    }

    @PostMapping("/api/periods/{period}/runs")
    ResponseEntity<Map<String, Object>> start(@PathVariable String period, Principal user) {
        long runId = runs.start(Quarter.parse(period), user == null ? null : user.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("run_id", runId));
    }

    @GetMapping("/api/runs/{runId}")
    RunService.RunStatus status(@PathVariable String runId) {
        return runs.status(runId);
    }

    @ExceptionHandler(UnknownRunException.class)
    ResponseEntity<Map<String, Object>> unknown(UnknownRunException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(RunAlreadyActiveException.class)
    ResponseEntity<Map<String, Object>> busy(RunAlreadyActiveException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    /** A period not written like 2026Q3. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badPeriod(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message, "status", status.value()));
    }
}
