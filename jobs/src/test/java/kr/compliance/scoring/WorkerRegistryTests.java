package kr.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkerRegistryTests {

    @Test
    void aWorkerMayNotBeDeclaredLostWithinTwoHeartbeats() {
        // one late beat (a pause, a slow commit) must not fail a live worker's partition
        assertThatThrownBy(() -> new WorkerRegistry(null, Duration.ofSeconds(5), Duration.ofSeconds(9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("worker-lost-after (PT9S) must be at least twice")
                .hasMessageContaining("worker-heartbeat (PT5S)");
        assertThat(new WorkerRegistry(null, Duration.ofSeconds(5), Duration.ofSeconds(10)).lostAfter())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aLostWorkerIsNamedByHostAndPidWithWhenItWasLastHeardOf() {
        var lost = new WorkerRegistry.LostWorker("w", "host-b", 4242, Instant.parse("2026-12-03T06:18:44.477598Z"), 7);

        assertThat(lost.describe(Duration.ofSeconds(30)))
                .isEqualTo("its worker on host-b (pid 4242) stopped answering: last heard of at 2026-12-03T06:18:44Z,"
                        + " more than PT30S (compliance.scoring.worker-lost-after) ago");
    }
}
