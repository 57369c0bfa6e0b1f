package kr.compliance.schedule;

import java.util.Optional;
import org.springframework.batch.core.job.parameters.JobParameters;

/** One Batch job to start by name, with its parameters. */
record BatchLaunch(String jobName, JobParameters parameters) {

    /** The period the job works on, if it has one: scoring and packing of one period never overlap. */
    Optional<String> period() {
        return Optional.ofNullable(parameters.getString(BatchJobs.PERIOD));
    }

    /** The source system the launch pulls, if it pulls one. */
    Optional<String> sourceSystem() {
        return Optional.ofNullable(parameters.getString(BatchJobs.SOURCE_SYSTEM));
    }
}
