package kr.compliance.schedule;

import java.nio.file.Path;
import java.time.Instant;
import kr.compliance.pack.PackRequest;
import kr.compliance.store.Quarter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The Batch jobs of the other capabilities, known here by name and parameters only (the contracts
 * of {@code docs/architecture.md}), so the scheduler never depends on their code.
 */
final class BatchJobs {

    static final String INGEST = "ingestJob";
    static final String SCORE = "scoreJob";

    static final String PERIOD = "period";
    /** The time a scoring run judges the evidence at; with the period it makes each scoring run its own. */
    static final String AS_OF = "asOf";
    /**
     * An ingest launch with this parameter pulls the source system of that name
     * ({@code compliance.sources}) and loads the drop it stages; the drop folder is the {@code source}
     * of the resulting {@code ingestJob} execution.
     */
    static final String SOURCE_SYSTEM = "sourceSystem";
    /**
     * Added to ingest and pack launches: their contract parameters alone (a folder, a period) would
     * name a run that already completed last night, and Batch would refuse to run it again.
     */
    static final String REQUESTED_AT = "requestedAt";

    private BatchJobs() {}

    static BatchLaunch ingest(Path source, String encoding, Instant requestedAt) {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString("source", source.toAbsolutePath().normalize().toString())
                .addString(REQUESTED_AT, requestedAt.toString());
        if (encoding != null && !encoding.isBlank()) {
            parameters.addString("encoding", encoding, false);
        }
        return new BatchLaunch(INGEST, parameters.toJobParameters());
    }

    /** A pull of the configured source system {@code name}, loaded by the ingest. */
    static BatchLaunch pull(String name, Instant requestedAt) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(SOURCE_SYSTEM, name)
                .addString(REQUESTED_AT, requestedAt.toString())
                .toJobParameters();
        return new BatchLaunch(INGEST, parameters);
    }

    /** A scoring run as of {@code asOf}: the as-of makes each run its own job instance. */
    static BatchLaunch score(Quarter period, Instant asOf) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(PERIOD, period.toString())
                .addString(AS_OF, asOf.toString())
                .toJobParameters();
        return new BatchLaunch(SCORE, parameters);
    }

    /** The pack of scoring run {@code runId}, or with none the period's submitted run, else its latest completed run. */
    static BatchLaunch pack(Quarter period, Long runId, String lang, String outDir, Instant requestedAt) {
        Path folder = outDir == null || outDir.isBlank() ? null : Path.of(outDir);
        return new BatchLaunch(
                PackRequest.JOB, new PackRequest(period, runId, lang, folder, requestedAt).toJobParameters());
    }
}
