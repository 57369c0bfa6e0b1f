package kr.compliance.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.compliance.sources.SourcesProperties;
import kr.compliance.store.Quarter;
import kr.compliance.store.Zones;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.stereotype.Component;

/**
 * What a schedule runs when it fires: the Batch jobs, in order, with their parameters, worked out
 * from the fire time so that a run fired late (a misfire) still scores the right quarters.
 */
@Component
class SchedulePlans {

    /** Job-data key: which plan a Quartz job runs. */
    static final String PLAN = "plan";
    /** Job-data key of the {@link Plan#BATCH} plan: the Batch job to start; every other entry is a parameter. */
    static final String BATCH_JOB = "batchJob";

    /** The kinds of scheduled work. */
    enum Plan {
        /**
         * Ingest every source drop, pull every configured source system, score the current quarter
         * (and the previous one early in a quarter).
         */
        NIGHTLY,
        /** Score and pack the quarter that ended. */
        QUARTERLY,
        /** One Batch job named in the job data, the other entries being its parameters (plus the fire time). */
        BATCH
    }

    private final ScheduleProperties properties;
    private final SourcesProperties sources;
    private final Zones zones;

    SchedulePlans(ScheduleProperties properties, SourcesProperties sources, Zones zones) {
        this.properties = properties;
        this.sources = sources;
        this.zones = zones;
    }

    List<BatchLaunch> launches(Plan plan, Instant fireTime, Map<String, Object> jobData) {
        return switch (plan) {
            case NIGHTLY -> nightly(fireTime);
            case QUARTERLY -> quarterly(fireTime);
            case BATCH -> List.of(batch(jobData, fireTime));
        };
    }

    List<BatchLaunch> nightly(Instant fireTime) {
        List<BatchLaunch> launches = new ArrayList<>();
        for (var drop : properties.sourceDrops()) {
            launches.add(BatchJobs.ingest(drop, properties.encoding(), fireTime));
        }
        for (String source : sources.sources().keySet()) {
            launches.add(BatchJobs.pull(source, fireTime));
        }
        Quarter current = Quarter.containing(fireTime, zones.report());
        launches.add(BatchJobs.score(current, fireTime));
        LocalDate today = fireTime.atZone(zones.report()).toLocalDate();
        LocalDate lateEvidenceUntil = current.start(zones.report())
                .atZone(zones.report())
                .toLocalDate()
                .plusDays(properties.previousQuarterDays());
        if (today.isBefore(lateEvidenceUntil)) {
            launches.add(BatchJobs.score(current.previous(), fireTime));
        }
        return launches;
    }

    List<BatchLaunch> quarterly(Instant fireTime) {
        Quarter ended = Quarter.containing(fireTime, zones.report()).previous();
        return List.of(
                BatchJobs.score(ended, fireTime),
                BatchJobs.pack(ended, null, properties.packLang(), properties.packDir(), fireTime));
    }

    private static BatchLaunch batch(Map<String, Object> jobData, Instant fireTime) {
        Object jobName = jobData.get(BATCH_JOB);
        if (jobName == null) {
            throw new ScheduleException(
                    "the scheduled job has no '" + BATCH_JOB + "' entry naming the Batch job to start; re-register it");
        }
        // each firing is a run of its own, as for the ingest and pack launches
        JobParametersBuilder parameters =
                new JobParametersBuilder().addString(BatchJobs.REQUESTED_AT, fireTime.toString());
        jobData.forEach((key, value) -> {
            if (!key.equals(PLAN) && !key.equals(BATCH_JOB)) {
                parameters.addString(key, String.valueOf(value));
            }
        });
        return new BatchLaunch(jobName.toString(), parameters.toJobParameters());
    }
}
