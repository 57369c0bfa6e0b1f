package kr.compliance.scoring;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kr.compliance.scoring.policy.Policy;
import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code scoreJob}: one step per control group (so their times are recorded), then exceptions,
 * then scores. Each control group's step is partitioned into ranges of subject ids ({@link
 * SubjectRanges}, {@code compliance.scoring.partitions}): a partition judges its own subjects,
 * reading their whole context, and writes their findings; its partitions run on local threads or
 * on {@code compliance worker} processes ({@link ScorePartitioning}). Each step works from the
 * run's own record ({@link ScoringRuns#scope}), so a restart judges exactly as the first attempt
 * did.
 *
 * <p>The steps are tasklets, so each counts its own work on its contribution, where the Batch
 * repository and a run's progress read it: a control group reads subjects and writes findings,
 * the exceptions step writes the findings it turns into exceptions, the scores step writes the
 * score rows (the counting of findings is one query, not items read).
 */
@Configuration(proxyBeanMethods = false)
class ScoreJobConfiguration {

    static final String JOB = ScoreRequest.JOB;
    static final String RUN_ID = "runId";

    /** The partition step of each control group, by name: run on local threads or by workers. */
    @Bean
    ControlGroupPartitions controlGroupPartitions(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            EvidenceReader evidence,
            ScoringRuns runs,
            DataSource dataSource,
            DSLContext dsl) {
        StepFactory steps = new StepFactory(jobRepository, transactionManager, runs, dataSource, dsl);
        return new ControlGroupPartitions(List.of(
                steps.judge(ControlGroup.CHANGES, evidence::changes),
                steps.judge(ControlGroup.INCIDENTS, evidence::incidents),
                steps.judge(ControlGroup.RUNBOOKS, evidence::runbooks),
                steps.judge(ControlGroup.POSTMORTEMS, evidence::postmortems),
                steps.judge(ControlGroup.ACTION_ITEMS, evidence::actionItems)));
    }

    @Bean
    Job scoreJob(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            ScoringRuns runs,
            DataSource dataSource,
            DSLContext dsl,
            ControlGroupPartitions partitions,
            ScorePartitioning partitioning,
            SubjectRanges ranges) {
        StepFactory steps = new StepFactory(jobRepository, transactionManager, runs, dataSource, dsl);
        return new JobBuilder(JOB, jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution execution) {
                        if (execution.getStatus() != BatchStatus.COMPLETED) {
                            runs.fail(
                                    execution.getJobParameters().getLong(RUN_ID),
                                    execution.getAllFailureExceptions().stream()
                                            // a manager step's own "Partition handler returned an
                                            // unsuccessful step" says the least: any other first
                                            .min(Comparator.comparing(
                                                    failure -> failure instanceof JobExecutionException))
                                            .map(Throwable::getMessage)
                                            .orElse(execution.getExitStatus().getExitDescription()));
                        }
                    }
                })
                .start(partitioning.manager(
                        partitions.getStep(ControlGroup.CHANGES.stepName()), ranges.of(ControlGroup.CHANGES)))
                .next(partitioning.manager(
                        partitions.getStep(ControlGroup.INCIDENTS.stepName()), ranges.of(ControlGroup.INCIDENTS)))
                .next(partitioning.manager(
                        partitions.getStep(ControlGroup.RUNBOOKS.stepName()), ranges.of(ControlGroup.RUNBOOKS)))
                .next(partitioning.manager(
                        partitions.getStep(ControlGroup.POSTMORTEMS.stepName()), ranges.of(ControlGroup.POSTMORTEMS)))
                .next(partitioning.manager(
                        partitions.getStep(ControlGroup.ACTION_ITEMS.stepName()), ranges.of(ControlGroup.ACTION_ITEMS)))
                .next(steps.task(
                        "exceptionsStep",
                        (scope, policy, contribution) -> contribution.incrementWriteCount(runs.applyExceptions(scope))))
                .next(steps.task(
                        "scoresStep",
                        (scope, policy, contribution) -> contribution.incrementWriteCount(
                                runs.score(scope.runId(), policy).size())))
                .build();
    }

    /** Reads the facts of one subject kind, the subjects of one partition, handing each to a consumer. */
    interface FactsSource<F> {
        void read(ScoringScope scope, SubjectRange partition, Consumer<F> each);
    }

    /** Work on the run's scope and policy, counted on the step's contribution. */
    interface RunTask {
        void run(ScoringScope scope, Policy policy, StepContribution contribution);
    }

    private record StepFactory(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            ScoringRuns runs,
            DataSource dataSource,
            DSLContext dsl) {

        <F> Step judge(ControlGroup<F> group, FactsSource<F> source) {
            return task(group.stepName(), (scope, policy, contribution) -> {
                SubjectRange partition =
                        SubjectRange.of(contribution.getStepExecution().getExecutionContext());
                FindingWriter findings =
                        new FindingWriter(dataSource, dsl.dialect(), scope.runId(), group.controlIds(), partition);
                try (findings) {
                    source.read(scope, partition, facts -> {
                        contribution.incrementReadCount();
                        group.judge(facts, scope, findings);
                    });
                }
                // counted once closing has stored the last batch
                contribution.incrementWriteCount(findings.written());
            });
        }

        Step task(String name, RunTask task) {
            return new StepBuilder(name, jobRepository)
                    .tasklet(
                            (contribution, context) -> {
                                long runId = context.getStepContext()
                                        .getStepExecution()
                                        .getJobParameters()
                                        .getLong(RUN_ID);
                                ScoringScope scope = runs.scope(runId);
                                task.run(scope, scope.judging().policy(), contribution);
                                return RepeatStatus.FINISHED;
                            },
                            transactionManager)
                    .build();
        }
    }
}
