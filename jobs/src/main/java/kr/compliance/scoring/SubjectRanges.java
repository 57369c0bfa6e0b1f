package kr.compliance.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.compliance.store.KeyPartition;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Cuts a control group's subjects into {@code gridSize} ranges of about as many subjects each
 * ({@link SubjectRange}): the bounds are the ids at every {@code 1/gridSize} of the group's
 * subject table, counting, where the group names a period time, only the rows of the run's period,
 * so a store of many quarters whose ids grow with time still splits the quarter evenly.
 *
 * <p>The count takes every stored revision, not only those the run sees: bounds need only be about
 * even, since every subject is in exactly one range whatever the bounds, and the period alone is
 * read from the period time's index without touching the rows. At a million changes the count
 * with the revision condition read the whole change table first, 4-17 s before any partition began.
 */
@Component
class SubjectRanges {

    private final DSLContext dsl;
    private final ScoringRuns runs;

    SubjectRanges(DSLContext dsl, ScoringRuns runs) {
        this.dsl = dsl;
        this.runs = runs;
    }

    /**
     * The partitioner of {@code group}'s step, for the run of the step that is splitting (its
     * {@code runId} job parameter). On a restart each partition keeps the range its first attempt
     * saved; only one whose range was never saved is given the range cut now ({@code
     * PartitionSplitter}).
     */
    Partitioner of(ControlGroup<?> group) {
        return gridSize -> {
            long runId = StepSynchronizationManager.getContext()
                    .getStepExecution()
                    .getJobParameters()
                    .getLong(ScoreJobConfiguration.RUN_ID);
            List<SubjectRange> ranges = cut(group, runs.scope(runId), gridSize);
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (int index = 0; index < ranges.size(); index++) {
                partitions.put(
                        KeyPartition.partitionName(index), ranges.get(index).context());
            }
            return partitions;
        };
    }

    private List<SubjectRange> cut(ControlGroup<?> group, ScoringScope scope, int count) {
        var id = group.subjectKey();
        Condition inPeriod = group.periodTime() == null
                ? DSL.noCondition()
                : group.periodTime().ge(scope.start()).and(group.periodTime().lt(scope.end()));
        int subjects = dsl.fetchCount(id.getTable(), inPeriod);
        List<SubjectRange> ranges = new ArrayList<>();
        if (subjects == 0) {
            ranges.add(SubjectRange.ALL);
            while (ranges.size() < count) {
                ranges.add(SubjectRange.NONE);
            }
            return ranges;
        }
        String from = null;
        for (int index = 1; index < count; index++) {
            String bound = dsl.select(id)
                    .from(id.getTable())
                    .where(inPeriod)
                    .orderBy(id)
                    .limit(1)
                    .offset((long) subjects * index / count)
                    .fetchSingle(id);
            ranges.add(new SubjectRange(from, bound));
            from = bound;
        }
        ranges.add(new SubjectRange(from, null));
        return ranges;
    }
}
