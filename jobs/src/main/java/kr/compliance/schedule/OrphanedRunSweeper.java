package kr.compliance.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * In {@code serve}: fails the requested runs whose process stopped ({@link OrphanedRuns}) and the
 * scheduled firings of a scheduler instance that left the cluster
 * ({@link ScheduledRuns#failAbandoned}) when the server starts, and then every {@link #INTERVAL},
 * so a run of a cluster member that died is shown failed by the members still up, without waiting
 * for a restart or a new request of its period.
 */
@Component
@ConditionalOnBooleanProperty("spring.quartz.auto-startup")
class OrphanedRunSweeper implements SmartLifecycle {

    /** As often as Quartz's cluster check-in; one indexed query when nothing is running. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(OrphanedRunSweeper.class);

    private final OrphanedRuns orphans;
    private final ScheduledRuns firings;
    private final Scheduler scheduler;
    private ScheduledExecutorService timer;

    OrphanedRunSweeper(OrphanedRuns orphans, ScheduledRuns firings, Scheduler scheduler) {
        this.orphans = orphans;
        this.firings = firings;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("orphaned-runs").daemon().factory());
        timer.scheduleWithFixedDelay(this::sweep, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            int failed = orphans.failAll();
            if (failed > 0) {
                log.warn("{} requested run(s) were left running by a server that stopped; marked failed", failed);
            }
            int abandoned = firings.failAbandoned(scheduler.getSchedulerName());
            if (abandoned > 0) {
                log.warn("{} scheduled run(s) were left running by a server that stopped; marked failed", abandoned);
            }
        } catch (RuntimeException | SchedulerException e) {
            // a failure here must not end the timer (the executor would drop the task silently)
            log.warn(
                    "could not check for runs left by stopped servers; trying again in {}: {}", INTERVAL, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
