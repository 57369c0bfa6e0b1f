package kr.compliance.serve;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kr.compliance.results.Catalogue;
import kr.compliance.results.ExceptionCoverages;
import kr.compliance.results.FindingFilter;
import kr.compliance.results.Run;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.Quarter;
import kr.compliance.store.Zones;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The auditor's pages: scores, findings with filters, a record, downloads; rendered on the server. */
@Controller
class PagesController {

    private final ScoringResults results;
    private final RunChoice choice;
    private final EvidenceRecords records;
    private final ExceptionCoverages exceptions;
    private final ApiController api;
    private final Zones zones;

    PagesController(
            ScoringResults results,
            RunChoice choice,
            EvidenceRecords records,
            ExceptionCoverages exceptions,
            ApiController api,
            Zones zones) {
        this.exceptions = exceptions;
        this.results = results;
        this.choice = choice;
        this.records = records;
        this.api = api;
        this.zones = zones;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String scores(
            @RequestParam(required = false) String period, @RequestParam(required = false) Long run, Model model) {
        Quarter quarter = period == null || period.isBlank()
                ? Quarter.containing(Instant.now(), zones.report())
                : RunChoice.period(period);
        model.addAttribute("period", quarter.toString());
        model.addAttribute(
                "runs",
                results.runs(quarter).stream()
                        .filter(r -> r.state().completed())
                        .toList());
        try {
            Run chosen = choice.run(quarter.toString(), run);
            model.addAttribute("run", chosen);
            model.addAttribute("scores", results.scores(chosen.runId()));
            // the trend: the previous quarter's run this run was scored against (its submitted run)
            Map<String, java.math.BigDecimal> previous = new HashMap<>();
            if (chosen.previousRunId() != null) {
                results.scores(chosen.previousRunId()).forEach(row -> previous.put(row.requirement(), row.score()));
            }
            model.addAttribute("previous", previous);
            model.addAttribute("previousPeriod", chosen.period().previous().toString());
            model.addAttribute("controls", ControlRow.of(results.controlCounts(chosen.runId())));
        } catch (NotFoundException e) {
            model.addAttribute("message", e.getMessage());
        }
        return "scores";
    }

    @GetMapping("/periods/{period}/findings")
    String findings(
            @PathVariable String period,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) Long run,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        model.addAttribute("period", RunChoice.period(period).toString());
        try {
            FindingFilter filter = new FindingFilter(control, status, subject);
            model.addAttribute("filter", filter);
            if (page < 1) {
                throw new BadRequestException("page counts from 1, not " + page);
            }
            Run chosen = choice.run(period, run);
            int size = ApiController.DEFAULT_PAGE_SIZE;
            model.addAttribute("run", chosen);
            model.addAttribute("titles", controlTitles());
            model.addAttribute(
                    "result",
                    new FindingPage(
                            results.findingsFailFirst(chosen, filter, (long) (page - 1) * size, size),
                            results.countFindings(chosen, filter),
                            page,
                            size,
                            chosen.runId(),
                            chosen.state()));
        } catch (FindingFilter.UnknownFilterException e) {
            // the form keeps what was typed, and says why nothing is listed
            Map<String, String> typed = new HashMap<>();
            typed.put("control", control);
            typed.put("status", status);
            typed.put("subject", subject);
            model.addAttribute("filter", typed);
            model.addAttribute("message", e.getMessage());
        }
        return "findings";
    }

    /** Each control's Korean and English title, for the findings table. */
    private static Map<String, String> controlTitles() {
        Map<String, String> titles = new HashMap<>();
        for (String id : Catalogue.controlIds()) {
            titles.put(id, Catalogue.controlTitle(id, "ko") + " · " + Catalogue.controlTitle(id, "en"));
        }
        return titles;
    }

    @GetMapping("/periods/{period}/findings.csv")
    void findingsCsv(
            @PathVariable String period,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) Long run,
            HttpServletResponse response)
            throws IOException {
        api.findingsCsv(period, control, status, subject, run, response);
    }

    @GetMapping("/periods/{period}/pack.zip")
    ResponseEntity<Resource> pack(@PathVariable String period, @RequestParam(required = false) Long run) {
        return api.pack(period, run);
    }

    @GetMapping("/periods/{period}/exceptions")
    String exceptions(@PathVariable String period, @RequestParam(required = false) Long run, Model model) {
        Run chosen = choice.run(period, run);
        model.addAttribute("period", chosen.period().toString());
        model.addAttribute("run", chosen);
        model.addAttribute("exceptions", exceptions.of(chosen));
        return "exceptions";
    }

    /** The request record (ADMIN), newest first, with the API's filters. */
    @GetMapping("/access-log")
    String accessLog(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        model.addAttribute("user", user);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        try {
            model.addAttribute("rows", api.accessLog(user, from, to));
        } catch (BadRequestException e) {
            model.addAttribute("message", e.getMessage());
        }
        return "access-log";
    }

    @GetMapping("/records/{type}/{id}")
    String record(
            @PathVariable String type, @PathVariable String id, @RequestParam(required = false) Long run, Model model) {
        EvidenceRecords.RecordView record = records.view(type, id, run);
        model.addAttribute("record", record);
        model.addAttribute("page", RecordPage.of(record));
        return "record";
    }

    /** The same by an id in the query, as the pages link every record (ids may hold / and %). */
    @GetMapping("/records/{type}")
    String recordById(
            @PathVariable String type, @RequestParam String id, @RequestParam(required = false) Long run, Model model) {
        return record(type, id, run, model);
    }
}
