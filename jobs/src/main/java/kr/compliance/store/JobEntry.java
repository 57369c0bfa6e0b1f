package kr.compliance.store;

import java.time.Duration;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * A Batch job's one way in. The command line, the API and the scheduler start every job through
 * its entry: the command line with the job's typed request ({@code IngestRequest},
 * {@code ScoreRequest}, {@code PackRequest}), the scheduler by the job's name with that request as
 * job parameters, which the entry reads back. The entry does only what must come before Batch can
 * tell whether to start, restart or return work already done (docs/architecture.md, "Jobs"):
 * resolve the request into the parameters that name the work, take the evidence lock, and recover
 * executions a dead process left running ({@link JobStarts}).
 */
public interface JobEntry {

    /** The name of the job this entry starts. */
    String jobName();

    /**
     * Runs the job asked for by {@code request} to its end and returns its execution id; a run that
     * does not complete is an exception carrying the job's own failure.
     *
     * @param lockWait how long to wait for a run holding the lock the job needs
     */
    long run(JobParameters request, Duration lockWait);
}
