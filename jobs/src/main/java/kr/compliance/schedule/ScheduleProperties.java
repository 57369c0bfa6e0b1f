package kr.compliance.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The nightly and quarterly schedules ({@code compliance.schedule.*} in {@code application.yml}).
 *
 * @param zone the zone the crons are read in
 * @param nightlyCron Quartz cron of the nightly ingest-and-score
 * @param quarterlyCron Quartz cron of the quarterly score-and-pack of the quarter that ended
 * @param sourceDrops the drop folders the nightly run ingests, in order
 * @param encoding the charset of the drops, blank for the ingest default
 * @param previousQuarterDays during this many first days of a quarter the nightly run also
 *     re-scores the previous quarter (late evidence still arrives)
 * @param packLang the language of the quarterly pack and of packs started through the API
 * @param packDir where packs are written; blank for the pack job's default
 * @param periodLockWait how long a scheduled scoring run waits for a running one of the same period
 */
@ConfigurationProperties("compliance.schedule")
public record ScheduleProperties(
        ZoneId zone,
        String nightlyCron,
        String quarterlyCron,
        List<Path> sourceDrops,
        String encoding,
        int previousQuarterDays,
        String packLang,
        String packDir,
        Duration periodLockWait) {

    public ScheduleProperties {
        sourceDrops = sourceDrops == null ? List.of() : List.copyOf(sourceDrops);
    }
}
