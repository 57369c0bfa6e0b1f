package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.ACCESS_LOG;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read side of the auditor API of {@code docs/api.md}. */
@RestController
@RequestMapping("/api")
class ApiController {

    /** The largest page the API hands out; a larger size asked for is cut to this. */
    static final int MAX_PAGE_SIZE = 500;

    static final int DEFAULT_PAGE_SIZE = 50;

    private final ScoringResults results;
    private final EvidenceRecords records;
    private final DSLContext dsl;
    private final LoginThrottle throttle;

    ApiController(ScoringResults results, EvidenceRecords records, DSLContext dsl, LoginThrottle throttle) {
        this.results = results;
        this.records = records;
        this.dsl = dsl;
        this.throttle = throttle;
    }

    @GetMapping("/periods/{period}/scores")
    List<ScoreRow> scores(@PathVariable String period) {
        return results.scores(results.period(period));
    }

    @GetMapping(value = "/periods/{period}/findings", produces = MediaType.APPLICATION_JSON_VALUE)
    FindingPage findings(
            @PathVariable String period,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
        if (page < 1) {
            throw new BadRequestException("page counts from 1, not " + page);
        }
        if (size < 1) {
            throw new BadRequestException("size is at least 1, not " + size);
        }
        return results.findings(
                results.period(period),
                new FindingFilter(control, status, subject),
                page,
                Math.min(size, MAX_PAGE_SIZE));
    }

    /** All matching findings as CSV, streamed, whatever their number. */
    @GetMapping(value = "/periods/{period}/findings", produces = "text/csv")
    void findingsCsv(
            @PathVariable String period,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            HttpServletResponse response)
            throws IOException {
        var parsed = results.period(period);
        var filter = new FindingFilter(control, status, subject);
        results.scores(parsed); // answers 404 before any byte is written when the period has no run
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("findings-" + parsed + ".csv")
                        .build()
                        .toString());
        try (var csv = new SafeCsv(response.getOutputStream())) {
            csv.row(FindingRow.CSV_HEADER);
            results.eachFinding(parsed, filter, finding -> csv.row(finding.csvValues()));
        }
    }

    @GetMapping("/records/{subjectType}/{id}")
    EvidenceRecords.RecordView record(@PathVariable String subjectType, @PathVariable String id) {
        return records.view(subjectType, id);
    }

    /**
     * The same by an id in the query ({@code ?id=CHG%2F7%252F}): ids may hold {@code /} and
     * {@code %}, which no server lets through a path segment; the links the API hands out use this.
     */
    @GetMapping("/records/{subjectType}")
    EvidenceRecords.RecordView recordById(@PathVariable String subjectType, @RequestParam String id) {
        return records.view(subjectType, id);
    }

    /** User names and client addresses locked for failed logins, the latest first: for ADMINs to act on. */
    @GetMapping("/lockouts")
    List<LoginThrottle.Lockout> lockouts() {
        return throttle.lockouts();
    }

    @GetMapping("/periods/{period}/pack")
    ResponseEntity<Resource> pack(@PathVariable String period) {
        Path pack = results.latestPack(results.period(period));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(pack.getFileName().toString())
                                .build()
                                .toString())
                .body(new FileSystemResource(pack));
    }

    /** The request record, newest first, at most 1000 rows. */
    @GetMapping("/access-log")
    List<Map<String, Object>> accessLog(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        var condition = DSL.noCondition();
        if (user != null && !user.isBlank()) {
            condition = condition.and(ACCESS_LOG.USERNAME.eq(user));
        }
        if (from != null && !from.isBlank()) {
            condition = condition.and(ACCESS_LOG.AT_TIME.ge(instant("from", from)));
        }
        if (to != null && !to.isBlank()) {
            condition = condition.and(ACCESS_LOG.AT_TIME.lt(instant("to", to)));
        }
        return dsl.selectFrom(ACCESS_LOG)
                .where(condition)
                .orderBy(ACCESS_LOG.ACCESS_ID.desc())
                .limit(1000)
                .fetch(r -> Map.of(
                        "at", r.getAtTime(),
                        "user", r.getUsername() == null ? "" : r.getUsername(),
                        "method", r.getMethod(),
                        "path", r.getPath(),
                        "status", r.getStatus()));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    name + " is an ISO-8601 instant like 2026-07-01T00:00:00Z, not '" + value + "'");
        }
    }
}
