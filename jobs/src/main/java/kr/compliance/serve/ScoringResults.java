package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.EVIDENCE_PACK;
import static kr.compliance.store.jooq.Tables.FINDING;
import static kr.compliance.store.jooq.Tables.REQUIREMENT_SCORE;
import static kr.compliance.store.jooq.Tables.SCORING_RUN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import kr.compliance.store.Period;
import kr.compliance.store.Zones;
import org.jooq.DSLContext;
import org.jooq.Record8;
import org.jooq.RecordMapper;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * What the scoring runs and packs produced, as the API serves it: always from the latest
 * COMPLETED scoring run of a period, so a run in progress or a failed one never shows half a
 * result.
 */
@Service
public class ScoringResults {

    static final String COMPLETED = "COMPLETED";

    private final DSLContext dsl;
    private final ZoneId reportZone;

    ScoringResults(DSLContext dsl, Zones zones) {
        this.dsl = dsl;
        this.reportZone = zones.report();
    }

    /** Parses {@code 2026Q3}, or answers 400. */
    public Period period(String text) {
        try {
            return Period.parse(text, reportZone);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** The six requirement rows then OVERALL, of the latest completed run of the period. */
    public List<ScoreRow> scores(Period period) {
        long runId = latestCompletedRun(period);
        var s = REQUIREMENT_SCORE;
        return dsl.selectFrom(s)
                .where(s.RUN_ID.eq(runId))
                .orderBy(DSL.when(s.REQUIREMENT.eq("OVERALL"), 1).else_(0), s.REQUIREMENT)
                .fetch(r -> new ScoreRow(
                        r.getRequirement(),
                        Requirements.TITLES.getOrDefault(r.getRequirement(), r.getRequirement()),
                        r.getPassCount(),
                        r.getFailCount(),
                        r.getExceptionCount(),
                        r.getPendingCount(),
                        r.getScore(),
                        r.getRating()));
    }

    /** One page (from 1) of the period's findings that match, ordered by control and subject. */
    public FindingPage findings(Period period, FindingFilter filter, int page, int size) {
        long runId = latestCompletedRun(period);
        var condition = FINDING.RUN_ID.eq(runId).and(filter.condition());
        long total = dsl.fetchCount(FINDING, condition);
        List<FindingRow> items = selectFindings(condition)
                .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .limit(size)
                .offset((long) (page - 1) * size)
                .fetch(findingMapper());
        return new FindingPage(items, total, page, size);
    }

    /** Every matching finding, streamed from the database in order, one row at a time. */
    public void eachFinding(Period period, FindingFilter filter, Consumer<FindingRow> consumer) {
        long runId = latestCompletedRun(period);
        try (var cursor = selectFindings(FINDING.RUN_ID.eq(runId).and(filter.condition()))
                .orderBy(FINDING.CONTROL_ID, FINDING.SUBJECT_ID)
                .fetchSize(Integer.MIN_VALUE)
                .fetchLazy()) {
            for (var record : cursor) {
                consumer.accept(findingMapper().map(record));
            }
        }
    }

    /** The latest pack made for the period, if its file is still there. */
    public Path latestPack(Period period) {
        String file = dsl.select(EVIDENCE_PACK.FILE_PATH)
                .from(EVIDENCE_PACK)
                .where(EVIDENCE_PACK.PERIOD.eq(period.toString()))
                .orderBy(EVIDENCE_PACK.PACK_ID.desc())
                .limit(1)
                .fetchOne(EVIDENCE_PACK.FILE_PATH);
        if (file == null) {
            throw new NotFoundException("no pack has been made for " + period + "; start a run with a pack first");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new NotFoundException(
                    "the pack of " + period + " is recorded but its file is missing; make it again");
        }
        return path;
    }

    /** The columns of a {@link FindingRow}, for the findings that meet the condition. */
    SelectConditionStep<Record8<String, String, String, String, String, String, String, java.time.Instant>>
            selectFindings(org.jooq.Condition condition) {
        return dsl.select(
                        FINDING.CONTROL_ID,
                        FINDING.REQUIREMENT,
                        FINDING.SUBJECT_TYPE,
                        FINDING.SUBJECT_ID,
                        FINDING.STATUS,
                        FINDING.REASON,
                        FINDING.EVIDENCE_REFS,
                        FINDING.REFERENCE_TIME)
                .from(FINDING)
                .where(condition);
    }

    /** Reads what {@link #selectFindings} selects, with the reference time in the report zone. */
    RecordMapper<Record8<String, String, String, String, String, String, String, java.time.Instant>, FindingRow>
            findingMapper() {
        return r -> new FindingRow(
                r.value1(),
                r.value2(),
                r.value3(),
                r.value4(),
                r.value5(),
                r.value6(),
                r.value7(),
                r.value8().atZone(reportZone).toOffsetDateTime());
    }

    private long latestCompletedRun(Period period) {
        Long runId = dsl.select(DSL.max(SCORING_RUN.RUN_ID))
                .from(SCORING_RUN)
                .where(SCORING_RUN.PERIOD.eq(period.toString()))
                .and(SCORING_RUN.STATUS.eq(COMPLETED))
                .fetchOne(0, Long.class);
        if (runId == null) {
            throw new NotFoundException("no completed scoring run for " + period + "; score the period first");
        }
        return runId;
    }
}
