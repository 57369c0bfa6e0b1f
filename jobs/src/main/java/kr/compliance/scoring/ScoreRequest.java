package kr.compliance.scoring;

import java.time.Instant;
import kr.compliance.store.Quarter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What the {@code scoreJob} is asked to judge: a period as of an instant. A scheduled launch carries
 * it in job parameters, which the scoring's entry reads back; the job's own parameters add the
 * evidence load and the policy the run judges with.
 */
public record ScoreRequest(Quarter period, Instant asOf) {

    public static final String JOB = "scoreJob";
    public static final String PERIOD = "period";
    /** The time a scoring run judges the evidence at; with the period it makes each scoring run its own. */
    public static final String AS_OF = "asOf";

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(PERIOD, period.toString())
                .addString(AS_OF, asOf.toString())
                .toJobParameters();
    }

    public static ScoreRequest of(JobParameters parameters) {
        String period = parameters.getString(PERIOD);
        String asOf = parameters.getString(AS_OF);
        if (period == null || asOf == null) {
            throw new IllegalArgumentException(
                    "a scoring needs the parameters '" + PERIOD + "' and '" + AS_OF + "', got " + parameters);
        }
        return new ScoreRequest(Quarter.parse(period), Instant.parse(asOf));
    }
}
