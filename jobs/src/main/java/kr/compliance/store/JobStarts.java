package kr.compliance.store;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts a job instance, or takes it up where its last attempt stopped: for jobs whose parameters
 * name the work itself (a drop's fingerprint; a scoring's period, as-of, evidence load and policy),
 * so the same work asked for twice is done once and a run that died resumes from its last commit.
 */
public final class JobStarts {

    private JobStarts() {}

    /** The execution a start ended with, and whether the instance had completed before (nothing ran). */
    public record Started(JobExecution execution, boolean alreadyComplete) {}

    /**
     * Runs the instance of {@code parameters}: returns its completed execution as it is, restarts a
     * failed or stopped one, or starts it. The caller holds the lock every run of the job holds, so
     * an execution still marked running belongs to a dead process and is recovered first
     * ({@link DeadExecutions}).
     */
    public static Started startOrResume(
            JobOperator jobOperator, JobRepository jobRepository, Job job, JobParameters parameters)
            throws JobExecutionException {
        DeadExecutions.recover(jobOperator, jobRepository, job.getName());
        JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            return new Started(last, true);
        }
        JobExecution execution = last == null ? jobOperator.start(job, parameters) : jobOperator.restart(last);
        return new Started(execution, false);
    }
}
