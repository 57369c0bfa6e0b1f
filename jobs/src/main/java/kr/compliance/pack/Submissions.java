package kr.compliance.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import kr.compliance.results.Run;
import kr.compliance.results.RunNotFoundException;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.AdvisoryLock;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreProperties;
import org.springframework.stereotype.Service;

/**
 * Submits a run (docs/pack.md, "Submission"): under the database lock
 * {@link AdvisoryLock#SUBMISSION}, makes the pack that is sent through the {@code packJob} with the
 * submission's record, then appends the ledger row that names the pack and chains to the row before.
 */
@Service
public class Submissions {

    /** A pack of a large period takes minutes: a second submitter waits that long for the first. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(5);

    static final int MAX_SUBMITTER = 100;
    static final int MAX_REASON = 2000;

    private final SubmissionLedger ledger;
    private final PackLauncher launcher;
    private final ScoringResults results;
    private final DataSource dataSource;
    private final StoreProperties store;

    Submissions(
            SubmissionLedger ledger,
            PackLauncher launcher,
            ScoringResults results,
            DataSource dataSource,
            StoreProperties store) {
        this.ledger = ledger;
        this.launcher = launcher;
        this.results = results;
        this.dataSource = dataSource;
        this.store = store;
    }

    /**
     * What to submit.
     *
     * @param runId the run; null for the period's latest completed run
     * @param reason why the period is submitted again; required when it was submitted before
     * @param outDir the folder of the submitted pack; null for {@link #defaultOutDir()}
     * @param submittedBy the OS user on the command line, the signed-in user through the API
     */
    public record Request(Quarter period, Long runId, String reason, Path outDir, String lang, String submittedBy) {}

    /** The ledger row written and the pack that was sent. */
    public record Submitted(SubmissionLedger.Row row, PackLauncher.Made pack) {}

    /** Where submitted packs go when no folder is given: {@code $COMPLIANCE_HOME/submissions}. */
    public Path defaultOutDir() {
        return store.home().resolve("submissions");
    }

    public Submitted submit(Request request) {
        String reason = request.reason() == null || request.reason().isBlank()
                ? null
                : request.reason().strip();
        check(request, reason);
        Quarter period = request.period();
        try (AdvisoryLock ignored = lock()) {
            Run run = request.runId() == null ? latestCompleted(period) : results.chosenRun(period, request.runId());
            Optional<SubmissionLedger.Row> ofRun = ledger.ofRun(run.runId());
            if (ofRun.isPresent()) {
                throw SubmissionRefusedException.conflict("run " + run.runId() + " of " + period
                        + " was submitted already (" + described(ofRun.get())
                        + "); a run is submitted once: score the period again and submit the new run");
            }
            Optional<SubmissionLedger.Row> current = ledger.latestOfPeriod(period);
            if (current.isPresent() && reason == null) {
                throw SubmissionRefusedException.conflict(period + " was submitted already (run "
                        + current.get().runId() + ", " + described(current.get())
                        + "); a resubmission needs a reason: give --reason TEXT (reason= through the API)");
            }
            Optional<SubmissionLedger.Row> last = ledger.last();
            // the ledger keeps microseconds: the pack shows the instant the row will hold
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Submission submission = new Submission(
                    period.toString(),
                    run.runId(),
                    request.submittedBy(),
                    Submission.time(at, run.zone()),
                    reason,
                    current.map(amended -> SubmissionLedger.amends(amended, run.zone()))
                            .orElse(null),
                    last.map(SubmissionLedger.Row::manifestSha256).orElse(null));
            Path outDir = request.outDir() == null ? defaultOutDir() : request.outDir();
            PackLauncher.Made made =
                    launcher.make(new PackRequest(period, run.runId(), request.lang(), outDir, at, submission));
            try {
                SubmissionLedger.Row row = ledger.append(
                        last.orElse(null),
                        period.toString(),
                        run.runId(),
                        request.submittedBy(),
                        at,
                        reason,
                        current.map(SubmissionLedger.Row::submissionId).orElse(null),
                        request.lang(),
                        made.sha256(),
                        made.manifestSha256());
                return new Submitted(row, made);
            } catch (RuntimeException e) {
                // a pack that says it was submitted, without its ledger row, must not be left to be sent
                deleteQuietly(made.file(), e);
                throw e;
            }
        }
    }

    private static void check(Request request, String reason) {
        if (!PackLabels.LANGUAGES.contains(request.lang())) {
            throw SubmissionRefusedException.invalid("the pack language is ko or en, not '" + request.lang() + "'");
        }
        String by = request.submittedBy();
        if (by == null || by.isBlank() || by.length() > MAX_SUBMITTER) {
            throw SubmissionRefusedException.invalid(
                    "the submitter's name must be 1 to " + MAX_SUBMITTER + " characters, not '" + by + "'");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw SubmissionRefusedException.invalid("the reason is " + reason.length() + " characters; at most "
                    + MAX_REASON + " are kept: shorten it");
        }
    }

    private AdvisoryLock lock() {
        try {
            return AdvisoryLock.acquire(dataSource, AdvisoryLock.SUBMISSION, LOCK_WAIT);
        } catch (AdvisoryLock.LockBusyException e) {
            throw SubmissionRefusedException.conflict("another submission has held the lock '"
                    + AdvisoryLock.SUBMISSION + "' for " + LOCK_WAIT.toMinutes()
                    + " minutes; try again when it has finished");
        }
    }

    /** The default run of a submission: the latest completed one, whatever was submitted before. */
    private Run latestCompleted(Quarter period) {
        return results.runs(period).stream()
                .filter(run -> run.state().completed())
                .findFirst()
                .orElseThrow(() -> new RunNotFoundException("no completed scoring run for " + period
                        + ": run 'compliance score --period " + period + "' first"));
    }

    private static String described(SubmissionLedger.Row row) {
        return "submission " + row.submissionId() + " by " + row.submittedBy() + " at " + row.submittedAt();
    }

    private static void deleteQuietly(Path file, RuntimeException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
