package kr.compliance.pack;

import java.nio.file.Path;
import java.time.Instant;
import kr.compliance.store.Quarter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What the {@code packJob} is asked to make, typed: the command line, the API and the scheduler
 * build one, and the job reads it back from its parameters, so a period or a run id is parsed once.
 *
 * @param runId the run to pack; null for the period's submitted run, else its latest completed one
 * @param outDir the folder of the zip; null for {@code $COMPLIANCE_HOME/packs}
 * @param requestedAt makes each request its own job instance (the same pack may be asked for again)
 * @param submission the run is being submitted with this record (its ledger row is written once
 *     the pack exists); null for any other pack
 */
public record PackRequest(
        Quarter period, Long runId, String lang, Path outDir, Instant requestedAt, Submission submission) {

    public static final String JOB = "packJob";

    /** A request for the pack of a run as it stands, not a submission. */
    public PackRequest(Quarter period, Long runId, String lang, Path outDir, Instant requestedAt) {
        this(period, runId, lang, outDir, requestedAt, null);
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString("period", period.toString())
                .addString("lang", lang)
                .addString("requestedAt", requestedAt.toString());
        if (runId != null) {
            // not identifying: the request's period, language and time name its job instance
            parameters.addLong("runId", runId, false);
        }
        if (outDir != null) {
            parameters.addString("outDir", outDir.toAbsolutePath().toString(), false);
        }
        if (submission != null) {
            parameters.addString("submission", submission.toJson(), false);
        }
        return parameters.toJobParameters();
    }

    public static PackRequest of(JobParameters parameters) {
        String outDir = parameters.getString("outDir");
        String lang = parameters.getString("lang");
        String requestedAt = parameters.getString("requestedAt");
        return new PackRequest(
                Quarter.parse(parameters.getString("period")),
                parameters.getLong("runId"),
                lang == null ? "ko" : lang,
                outDir == null ? null : Path.of(outDir),
                requestedAt == null ? Instant.EPOCH : Instant.parse(requestedAt),
                Submission.fromJson(parameters.getString("submission")));
    }
}
