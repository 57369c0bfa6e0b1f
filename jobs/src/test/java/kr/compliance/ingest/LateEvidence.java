package kr.compliance.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Evidence arriving after the three outages were scored (the sample drop), loaded as a drop of its own. */
public final class LateEvidence {

    /** T-901: a passing pre-test of CHG-101 (the outage without one), at line 2 of its tests.csv. */
    public static final String PASSING_PRETEST_OF_CHG_101 =
            "test_run_id,change_id,environment,env_parity,scope,started_at,finished_at,result,tests_total,tests_failed\n"
                    + "T-901,CHG-101,prod-mirror,0.97,E2E,2026-07-10T20:00+09:00,2026-07-10T20:30+09:00,PASSED,50,0\n";

    private LateEvidence() {}

    /** Loads one file of late evidence ({@code tests.csv}, say) as a drop of its own. */
    public static void load(IngestService ingest, String fileName, String content) throws IOException {
        Path drop = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "late-evidence-");
        Files.writeString(drop.resolve(fileName), content);
        ingest.ingest(drop, null, Duration.ZERO);
    }
}
