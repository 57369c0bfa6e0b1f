package kr.compliance.serve;

import java.util.Map;
import kr.compliance.schedule.ScheduleService;
import kr.compliance.schedule.UnknownScheduleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/schedule} and {@code POST /api/schedule/{job}/trigger}: the scheduled jobs. */
@RestController
@RequestMapping("/api/schedule")
class ScheduleController {

    private final ScheduleService schedule;

    ScheduleController(ScheduleService schedule) {
        this.schedule = schedule;
    }

    @GetMapping
    ScheduleService.Schedule schedule() {
        return schedule.schedule();
    }

    /** Fires the job now; it runs in the background on whichever server of the cluster takes it. */
    @PostMapping("/{job}/trigger")
    ResponseEntity<Map<String, Object>> trigger(@PathVariable String job) {
        schedule.trigger(job);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("job", job, "status", "TRIGGERED"));
    }

    @ExceptionHandler(UnknownScheduleException.class)
    ResponseEntity<Map<String, Object>> unknown(UnknownScheduleException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage(), "status", 404));
    }
}
