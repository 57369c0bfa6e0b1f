package kr.compliance.pack;

import static kr.compliance.store.jooq.Tables.EVIDENCE_PACK;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import kr.compliance.results.ExceptionCoverages;
import kr.compliance.results.Run;
import kr.compliance.results.RunDiffs;
import kr.compliance.results.ScoreRow;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.Quarter;
import kr.compliance.store.StoreProperties;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.util.TempFileCreationStrategy;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Makes the evidence pack of a scoring run (the run asked for, else the period's submitted run, else
 * its latest completed run): the CSV entries and the workbook (written side by side on two
 * threads, while a third reads the data-quality sheets' rows ahead, {@link QualityReads}; the
 * CSV entries are deflated beside the workbook's writing, {@link DeflatedEntries}), the
 * manifest, one zip moved into place only when complete, and a row in {@code evidence_pack}.
 */
@Service
public class PackService {

    private static final Logger log = LoggerFactory.getLogger(PackService.class);

    private final PackRepository repository;
    private final ScoringResults results;
    private final RunDiffs diffs;
    private final ExceptionCoverages exceptionCoverages;
    private final PackSigningKeys signingKeys;
    private final SubmissionLedger ledger;
    private final DSLContext dsl;
    private final StoreProperties store;
    private final int maxRowsPerSheet;
    private final long linkedEvidenceMaxRecords;

    PackService(
            PackRepository repository,
            ScoringResults results,
            RunDiffs diffs,
            ExceptionCoverages exceptionCoverages,
            PackSigningKeys signingKeys,
            DSLContext dsl,
            StoreProperties store,
            @Value("${compliance.pack.max-rows-per-sheet:" + SheetSeries.EXCEL_MAX_ROWS + "}") int maxRowsPerSheet,
            @Value("${compliance.pack.linked-evidence-max-records:50000}") long linkedEvidenceMaxRecords) {
        this.repository = repository;
        this.results = results;
        this.diffs = diffs;
        this.exceptionCoverages = exceptionCoverages;
        this.signingKeys = signingKeys;
        // the ledger is only read here: the stateless reader over the same database
        this.ledger = new SubmissionLedger(dsl);
        this.dsl = dsl;
        this.store = store;
        this.maxRowsPerSheet = Math.min(maxRowsPerSheet, SheetSeries.EXCEL_MAX_ROWS);
        this.linkedEvidenceMaxRecords = linkedEvidenceMaxRecords;
    }

    /** What was made; {@code manifestSha256} is of the exact bytes of its {@code manifest.json}. */
    public record PackResult(
            Path file, Run run, long size, String sha256, PackManifest manifest, String manifestSha256) {}

    /** Where packs go when no folder is given: {@code $COMPLIANCE_HOME/packs}. */
    public Path defaultOutDir() {
        return store.home().resolve("packs");
    }

    /**
     * Packs a run of a period in a language ({@code ko}, {@code en}) into a folder (default
     * {@link #defaultOutDir()}): run {@code runId} if given, else the period's submitted run, else
     * its latest completed run.
     */
    public PackResult pack(Quarter period, Long runId, Path outDir, String lang) {
        return pack(period, runId, outDir, lang, null);
    }

    /**
     * Packs a run as {@link #pack(Quarter, Long, Path, String)} does. The pack says what the run's
     * own submission says: {@code sending} when the run is being submitted now (its ledger row is
     * written once the pack exists, from the same fields), else the run's ledger row if it was ever
     * submitted, else that it is a draft. So the bytes depend only on the run and its own
     * submission, and a submitted pack made again later has the bytes that were sent.
     */
    public PackResult pack(Quarter period, Long runId, Path outDir, String lang, Submission sending) {
        PackLabels labels = new PackLabels(lang == null ? "ko" : lang);
        Run run = results.chosenRun(period, runId);
        if (sending != null
                && (sending.runId() != run.runId() || !sending.period().equals(period.toString()))) {
            throw new PackException("the submission of run " + sending.runId() + " of " + sending.period()
                    + " cannot be packed as run " + run.runId() + " of " + period);
        }
        Submission submission = sending != null
                ? sending
                : ledger.ofRun(run.runId())
                        .map(row -> ledger.submissionOf(row, run.zone()))
                        .orElse(null);
        outDir = outDir == null ? defaultOutDir() : outDir;
        // a submitted pack is named by its run, so a folder keeps every submission of a period side by side
        Path target = outDir.resolve(
                sending == null
                        ? "compliance-pack-" + period + ".zip"
                        : "compliance-submission-" + period + "-run-" + run.runId() + ".zip");
        // known before the cover is written: the cover and the manifest name the signer
        SigningKey signingKey = signingKeys.current();
        LocalDateTime entryTime = EvidenceWorkbook.entryTime(run);
        try (PackWorkFolder work = PackWorkFolder.create(outDir);
                DeflatedEntries deflated = new DeflatedEntries(work.path(), entryTime)) {
            Path staging = work.path();
            PackManifest manifest = TempFile.withStrategy(poiFilesIn(staging), () -> {
                try {
                    return writeEntries(run, labels, signingKey.signer(), submission, staging, deflated);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String manifestSha256 = sign(staging, signingKey);
            Path entriesZip = staging.resolve("pack.zip");
            List<ZipEntries.Source> sources = new ArrayList<>();
            for (String name : List.of(PackManifest.NAME, ManifestSignature.SIGNATURE, ManifestSignature.CERTIFICATE)) {
                sources.add(new ZipEntries.Source(name, staging.resolve(name)));
            }
            manifest.entries().forEach(e -> sources.add(new ZipEntries.Source(e.name(), staging.resolve(e.name()))));
            ZipEntries.write(entriesZip, sources, deflated, entryTime);
            PackManifest.Entry whole = EntryDigest.of("pack.zip", () -> Files.newInputStream(entriesZip), 0);
            Files.move(entriesZip, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            register(run, labels.lang(), target, whole);
            return new PackResult(target, run, whole.size(), whole.sha256(), manifest, manifestSha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code manifest.json.p7s} and {@code signer.pem} beside the manifest; the manifest's SHA-256. */
    private static String sign(Path staging, SigningKey key) throws IOException {
        byte[] manifest = Files.readAllBytes(staging.resolve(PackManifest.NAME));
        Files.write(staging.resolve(ManifestSignature.SIGNATURE), ManifestSignature.sign(manifest, key));
        Files.write(staging.resolve(ManifestSignature.CERTIFICATE), key.certificatePem());
        return DigestUtils.sha256Hex(manifest);
    }

    /**
     * POI's temporary files (a sheet's rows before the xlsx is written, deflated as they go; the
     * template while writing) go into the pack's work folder, so they go with it, never into the
     * system's temp folder. POI asks for them on the thread that writes the workbook, this one.
     */
    private static TempFileCreationStrategy poiFilesIn(Path staging) {
        return new DefaultTempFileCreationStrategy(staging.resolve("poi").toFile());
    }

    /**
     * How the run differs from the submission of its period it was scored after, if it does: fixed
     * when the run was scored, so a later submission never changes this pack.
     */
    private PackContent.SinceSubmission sinceSubmission(Run run) {
        if (run.baselineSubmissionId() == null) {
            return null;
        }
        kr.compliance.results.Submission baseline =
                results.submission(run.baselineSubmissionId()).orElseThrow();
        if (baseline.runId() == run.runId()) {
            return null;
        }
        return new PackContent.SinceSubmission(diffs, diffs.diff(run.period(), baseline.runId(), run.runId()));
    }

    private PackManifest writeEntries(
            Run run,
            PackLabels labels,
            PackManifest.Signer signer,
            Submission submission,
            Path staging,
            DeflatedEntries deflated)
            throws IOException {
        String workbookName = "evidence-" + run.period() + ".xlsx";
        List<ScoreRow> scores = results.scores(run.runId());
        // the previous quarter's run this run was scored against, never a later one
        List<ScoreRow> previous = run.previousRunId() == null ? List.of() : results.scores(run.previousRunId());
        PackContent content =
                new PackContent(repository, results, run, labels, sinceSubmission(run), exceptionCoverages.of(run));
        try (EvidenceWorkbook workbook = new EvidenceWorkbook(labels, run, maxRowsPerSheet)) {
            EvidenceSheets evidence = EvidenceSheets.forPeriod(repository, run, linkedEvidenceMaxRecords);
            workbook.cover(ToolVersion.of(), evidence.linked(), signer, submission);
            workbook.summary(scores, previous, run.period().previous().toString(), results.ratingBounds(run));
            long started = System.nanoTime();
            CompletableFuture<QualityReads> quality = QualityReads.begin(repository, run, staging);
            PassedFindings passed = new PassedFindings();
            CompletableFuture<List<PackManifest.Entry>> csvs = CompletableFuture.supplyAsync(
                    () -> {
                        List<PackManifest.Entry> written =
                                content.writeCsvs(staging, scores, passed, e -> deflated.add(e.name()));
                        log.info("pack {}: CSV entries written in {} ms", run.period(), millisSince(started));
                        return written;
                    },
                    Thread::startVirtualThread);
            try {
                content.writeSheets(workbook, evidence, passed, quality);
            } catch (RuntimeException e) {
                // the other threads go on in the work folder: stop the CSV writer's handing over, and let
                // them end before the folder is removed
                passed.abandon();
                CompletableFuture.allOf(csvs, quality)
                        .handle((done, failure) -> null)
                        .join();
                throw e;
            }
            log.info("pack {}: workbook sheets streamed in {} ms", run.period(), millisSince(started));
            deflated.begin();
            List<PackManifest.Entry> entries = new ArrayList<>(join(csvs));
            PackManifest manifest =
                    manifest(run, labels, signer, submission, entries).withPackHash();
            workbook.packHash(manifest.packHash());
            Path workbookFile = staging.resolve(workbookName);
            long workbookRows = workbook.write(workbookFile, staging.resolve("workbook.poi.xlsx"));
            entries.addFirst(EntryDigest.of(workbookName, () -> Files.newInputStream(workbookFile), workbookRows));
            manifest = manifest(run, labels, signer, submission, entries).withPackHash();
            log.info("pack {}: entries digested and workbook written in {} ms", run.period(), millisSince(started));
            Files.write(staging.resolve(PackManifest.NAME), manifest.toJson());
            return manifest;
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** The future's value, or the failure it ended with as thrown by its own code. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static PackManifest manifest(
            Run run,
            PackLabels labels,
            PackManifest.Signer signer,
            Submission submission,
            List<PackManifest.Entry> entries) {
        return new PackManifest(
                PackManifest.FORMAT,
                run.period().toString(),
                run.zone().getId(),
                PackValues.isoInstant(run.periodStart(), run.zone()),
                PackValues.isoInstant(run.periodEnd(), run.zone()),
                PackValues.isoInstant(run.asOf(), run.zone()),
                run.runId(),
                run.evidenceLoadId(),
                run.policyVersion(),
                run.policySha256(),
                ToolVersion.of(),
                labels.lang(),
                signer,
                submission,
                null,
                List.copyOf(entries));
    }

    private void register(Run run, String lang, Path file, PackManifest.Entry whole) {
        dsl.insertInto(EVIDENCE_PACK)
                .set(EVIDENCE_PACK.RUN_ID, run.runId())
                .set(EVIDENCE_PACK.PERIOD, run.period().toString())
                .set(EVIDENCE_PACK.LANG, lang)
                .set(EVIDENCE_PACK.FILE_PATH, file.toAbsolutePath().toString())
                .set(EVIDENCE_PACK.SIZE_BYTES, whole.size())
                .set(EVIDENCE_PACK.SHA256, whole.sha256())
                // when the pack was made; this time is in the database only, never in the pack
                .set(EVIDENCE_PACK.CREATED_AT, Instant.now())
                .execute();
    }
}
