package kr.compliance.schedule;

import java.nio.file.Path;
import java.time.Instant;
import kr.compliance.ingest.IngestRequest;
import kr.compliance.pack.PackRequest;
import kr.compliance.scoring.ScoreRequest;
import kr.compliance.store.Quarter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The launches the scheduler makes, built from the typed requests of the jobs it starts
 * ({@link IngestRequest}, {@link ScoreRequest}, {@link PackRequest}); each job's entry
 * ({@code store.JobEntry}) reads its request back from the parameters.
 */
final class BatchJobs {

    static final String INGEST = IngestRequest.JOB;
    static final String SCORE = ScoreRequest.JOB;

    /** Scoring and packing name their period so: runs of one period never overlap. */
    static final String PERIOD = ScoreRequest.PERIOD;

    static final String AS_OF = ScoreRequest.AS_OF;
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

    /** A load of the drop in {@code source}; the encoding's name is resolved by the ingest's entry. */
    static BatchLaunch ingest(Path source, String encoding, Instant requestedAt) {
        JobParametersBuilder parameters = new JobParametersBuilder(new IngestRequest(source, null).toJobParameters())
                .addString(REQUESTED_AT, requestedAt.toString());
        if (encoding != null && !encoding.isBlank()) {
            parameters.addString(IngestRequest.ENCODING, encoding, false);
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
        return new BatchLaunch(SCORE, new ScoreRequest(period, asOf).toJobParameters());
    }

    /** The pack of scoring run {@code runId}, or with none the period's submitted run, else its latest completed run. */
    static BatchLaunch pack(Quarter period, Long runId, String lang, String outDir, Instant requestedAt) {
        Path folder = outDir == null || outDir.isBlank() ? null : Path.of(outDir);
        return new BatchLaunch(
                PackRequest.JOB, new PackRequest(period, runId, lang, folder, requestedAt).toJobParameters());
    }
}
