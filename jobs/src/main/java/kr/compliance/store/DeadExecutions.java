package kr.compliance.store;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Executions a killed process left marked running. Only a caller holding the lock every run of
 * the job holds may call this: the lock proves no live process runs them. They are ended with
 * Spring Batch's own recovery ({@link JobOperator#recover}), as {@code FAILED} with the reason,
 * so the next launch restarts them from their last commit.
 */
public final class DeadExecutions {

    private DeadExecutions() {}

    public static void recover(JobOperator jobOperator, JobRepository jobRepository, String jobName) {
        for (JobExecution orphan : jobRepository.findRunningJobExecutions(jobName)) {
            end(jobOperator, orphan, "the process running it died");
        }
    }

    /**
     * Ends one execution no process will finish as {@code FAILED}, with {@code reason} as the exit
     * description of the execution and of its steps still marked running.
     */
    public static JobExecution end(JobOperator jobOperator, JobExecution execution, String reason) {
        ExitStatus failed = ExitStatus.FAILED.addExitDescription(reason);
        execution.getStepExecutions().stream()
                .filter(step -> step.getStatus().isRunning())
                .forEach(step -> step.setExitStatus(failed));
        execution.setExitStatus(failed);
        return jobOperator.recover(execution);
    }
}
