package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.ACCESS_LOG;
import static kr.compliance.store.jooq.Tables.EVIDENCE_PACK;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.compliance.results.DiffCsv;
import kr.compliance.results.ExceptionCoverage;
import kr.compliance.results.ExceptionCoverages;
import kr.compliance.results.Finding;
import kr.compliance.results.FindingFilter;
import kr.compliance.results.Run;
import kr.compliance.results.RunDiff;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.RunNotFoundException;
import kr.compliance.results.SafeCsv;
import kr.compliance.results.ScoreRow;
import kr.compliance.results.ScoringResults;
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
    private final RunChoice choice;
    private final RunDiffs diffs;
    private final ExceptionCoverages exceptions;
    private final EvidenceRecords records;
    private final DSLContext dsl;
    private final LoginThrottle throttle;

    ApiController(
            ScoringResults results,
            RunChoice choice,
            RunDiffs diffs,
            ExceptionCoverages exceptions,
            EvidenceRecords records,
            DSLContext dsl,
            LoginThrottle throttle) {
        this.results = results;
        this.choice = choice;
        this.diffs = diffs;
        this.exceptions = exceptions;
        this.records = records;
        this.dsl = dsl;
        this.throttle = throttle;
    }

    /** The scores of the run; which run and its state are in the headers {@code Run-Id} and {@code Run-State}. */
    @GetMapping("/periods/{period}/scores")
    ResponseEntity<List<ScoreRow>> scores(@PathVariable String period, @RequestParam(required = false) Long run) {
        Run chosen = choice.run(period, run);
        return ResponseEntity.ok().headers(runHeaders(chosen)).body(results.scores(chosen.runId()));
    }

    /** The 17 controls of the run, each with its title and its findings counted by status. */
    @GetMapping("/periods/{period}/controls")
    ResponseEntity<List<ControlRow>> controls(@PathVariable String period, @RequestParam(required = false) Long run) {
        Run chosen = choice.run(period, run);
        return ResponseEntity.ok()
                .headers(runHeaders(chosen))
                .body(ControlRow.of(results.controlCounts(chosen.runId())));
    }

    /** Every run of the period, the newest first: its state, as-of, evidence load, policy and scores. */
    @GetMapping("/periods/{period}/runs")
    List<RunSummary> runs(@PathVariable String period) {
        return results.runs(RunChoice.period(period)).stream()
                .map(run -> RunSummary.of(run, run.state().completed() ? results.scores(run.runId()) : List.of()))
                .toList();
    }

    @GetMapping(value = "/periods/{period}/findings", produces = MediaType.APPLICATION_JSON_VALUE)
    FindingPage findings(
            @PathVariable String period,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) Long run,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
        if (page < 1) {
            throw new BadRequestException("page counts from 1, not " + page);
        }
        if (size < 1) {
            throw new BadRequestException("size is at least 1, not " + size);
        }
        Run chosen = choice.run(period, run);
        FindingFilter filter = new FindingFilter(control, status, subject);
        int used = Math.min(size, MAX_PAGE_SIZE);
        return new FindingPage(
                results.findings(chosen, filter, (long) (page - 1) * used, used),
                results.countFindings(chosen, filter),
                page,
                used,
                chosen.runId(),
                chosen.state());
    }

    /** All matching findings as CSV, streamed, whatever their number. */
    @GetMapping(value = "/periods/{period}/findings", produces = "text/csv")
    void findingsCsv(
            @PathVariable String period,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) Long run,
            HttpServletResponse response)
            throws IOException {
        // answers 400 or 404 before any byte is written
        Run chosen = choice.run(period, run);
        var filter = new FindingFilter(control, status, subject);
        response.setContentType("text/csv;charset=UTF-8");
        runHeaders(chosen).forEach((name, values) -> response.setHeader(name, values.getFirst()));
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("findings-" + chosen.period() + ".csv")
                        .build()
                        .toString());
        try (var csv = new SafeCsv(response.getOutputStream())) {
            csv.row(Finding.CSV_HEADER.toArray(String[]::new));
            results.eachFinding(chosen, filter, finding -> csv.row(finding.csvValues()));
        }
    }

    /**
     * The restatement between two runs of the period (default: from the submitted run to the latest
     * completed run): run-wide causes, each requirement reported / adjusted / restated, and every
     * changed finding with the revisions that caused it.
     */
    @GetMapping(value = "/periods/{period}/diff", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> diff(
            @PathVariable String period,
            @RequestParam(required = false) Long from,
            @RequestParam(required = false) Long to) {
        RunDiff diff = runDiff(period, from, to);
        List<Map<String, Object>> findings = new ArrayList<>();
        diffs.eachChange(diff, change -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("finding", change);
            row.put("cause", DiffCsv.cause(diff, change));
            findings.add(row);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", diff.to().period().toString());
        body.put("from", RunSummary.of(diff.from(), List.of()));
        body.put("to", RunSummary.of(diff.to(), List.of()));
        body.put("policy_keys_changed", diff.policyKeysChanged());
        body.put("as_of_changed", diff.asOfChanged());
        body.put("loads_between", diff.loadsBetween());
        body.put("requirements", diff.requirements());
        body.put("findings", findings);
        return body;
    }

    /** The same changed findings as CSV, streamed; the bytes {@code compliance diff} writes. */
    @GetMapping(value = "/periods/{period}/diff", produces = "text/csv")
    void diffCsv(
            @PathVariable String period,
            @RequestParam(required = false) Long from,
            @RequestParam(required = false) Long to,
            HttpServletResponse response)
            throws IOException {
        RunDiff diff = runDiff(period, from, to);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("diff-" + diff.to().period() + "-run"
                                + diff.from().runId() + "-run" + diff.to().runId() + ".csv")
                        .build()
                        .toString());
        DiffCsv.write(diffs, diff, response.getOutputStream());
    }

    /** Which run an answer is of, and its state: a DRAFT is never read as the submission. */
    private static HttpHeaders runHeaders(Run run) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Run-Id", Long.toString(run.runId()));
        headers.set("Run-State", run.state().name());
        return headers;
    }

    private RunDiff runDiff(String period, Long from, Long to) {
        try {
            return diffs.diff(RunChoice.period(period), from, to);
        } catch (RunNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    /** The exceptions of the run's period: what each covered, or why it covered nothing. */
    @GetMapping("/periods/{period}/exceptions")
    ResponseEntity<List<ExceptionCoverage>> exceptions(
            @PathVariable String period, @RequestParam(required = false) Long run) {
        Run chosen = choice.run(period, run);
        return ResponseEntity.ok().headers(runHeaders(chosen)).body(exceptions.of(chosen));
    }

    @GetMapping("/records/{subjectType}/{id}")
    EvidenceRecords.RecordView record(
            @PathVariable String subjectType, @PathVariable String id, @RequestParam(required = false) Long run) {
        return records.view(subjectType, id, run);
    }

    /**
     * The same by an id in the query ({@code ?id=CHG%2F7%252F}): ids may hold {@code /} and
     * {@code %}, which no server lets through a path segment; the links the API hands out use this.
     */
    @GetMapping("/records/{subjectType}")
    EvidenceRecords.RecordView recordById(
            @PathVariable String subjectType, @RequestParam String id, @RequestParam(required = false) Long run) {
        return records.view(subjectType, id, run);
    }

    /** User names and client addresses locked for failed logins, the latest first: for ADMINs to act on. */
    @GetMapping("/lockouts")
    List<LoginThrottle.Lockout> lockouts() {
        return throttle.lockouts();
    }

    /** The latest pack made of the run (default: the submitted run, else the latest completed run). */
    @GetMapping("/periods/{period}/pack")
    ResponseEntity<Resource> pack(@PathVariable String period, @RequestParam(required = false) Long run) {
        Run chosen = choice.run(period, run);
        Path pack = latestPackOf(chosen);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(pack.getFileName().toString())
                                .build()
                                .toString())
                .headers(runHeaders(chosen))
                .body(new FileSystemResource(pack));
    }

    private Path latestPackOf(Run run) {
        String file = dsl.select(EVIDENCE_PACK.FILE_PATH)
                .from(EVIDENCE_PACK)
                .where(EVIDENCE_PACK.RUN_ID.eq(run.runId()))
                .orderBy(EVIDENCE_PACK.PACK_ID.desc())
                .limit(1)
                .fetchOne(EVIDENCE_PACK.FILE_PATH);
        if (file == null) {
            throw new NotFoundException("no pack has been made of run " + run.runId() + " of " + run.period()
                    + "; make it with 'compliance pack --period " + run.period() + " --run " + run.runId() + "'");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new NotFoundException("the pack of run " + run.runId() + " of " + run.period()
                    + " is recorded but its file is missing; make it again");
        }
        return path;
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
