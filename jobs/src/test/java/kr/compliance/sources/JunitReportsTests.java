package kr.compliance.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JunitReportsTests {

    private static final long LIMIT = 1 << 20;

    @TempDir
    Path temp;

    private Path staged() throws IOException {
        return Files.createDirectories(temp.resolve("staged"));
    }

    private PulledDrop pull(Path reports, Map<String, String> properties) throws IOException {
        return new JunitReports("ci", new SourceProperties.Junit(reports, null, properties), LIMIT).pull(staged());
    }

    @Test
    void everySuiteBecomesATestRunWithItsResultCountsAndSidecarValues() throws IOException {
        Path reports = StagedDrop.copySample("junit", temp);
        Instant written = Instant.parse("2026-07-01T03:00:00Z");
        for (String suite : List.of("MessageRoutingTest", "PushTest", "ArchiveTest")) {
            Files.setLastModifiedTime(
                    reports.resolve("TEST-kr.example.talk." + suite + ".xml"), FileTime.from(written));
        }

        PulledDrop drop = pull(reports, Map.of("environment", "configured-env", "scope", "UNIT"));

        assertThat(drop.rows()).containsEntry("tests.csv", 4L);
        List<Map<String, String>> rows = StagedDrop.rows(temp.resolve("staged/tests.csv"));
        assertThat(rows)
                .extracting(row -> row.get("test_run_id"))
                .containsExactly(
                        "CHG-1042/canary/kr.example.talk.ArchiveTest",
                        "CHG-1042/staging/kr.example.talk.LoginTest",
                        "CHG-1042/staging/kr.example.talk.MessageRoutingTest",
                        "CHG-1042/staging/kr.example.talk.PushTest");
        Map<String, String> skipped = rows.get(0);
        // the report's own sidecar outranks the folder's, which outranks the configuration
        assertThat(skipped)
                .containsEntry("result", "SKIPPED")
                .containsEntry("scope", "E2E")
                .containsEntry("environment", "canary")
                .containsEntry("tests_total", "2")
                .containsEntry("tests_failed", "0");
        Map<String, String> gradle = rows.get(1);
        assertThat(gradle)
                .containsEntry("result", "PASSED")
                .containsEntry("scope", "INTEGRATION")
                .containsEntry("env_parity", "0.95")
                .containsEntry("started_at", "2026-07-01T10:00:00")
                .containsEntry("finished_at", "2026-07-01T10:00:12.500");
        Map<String, String> routing = rows.get(2);
        // one failure and one error: FAILED, and both count as failed tests; the skipped one ran not
        assertThat(routing)
                .containsEntry("result", "FAILED")
                .containsEntry("tests_total", "5")
                .containsEntry("tests_failed", "2")
                .containsEntry("change_id", "CHG-1042");
        // Surefire writes no timestamp: the file was written when the suite ended ("1,204.5" seconds)
        assertThat(routing)
                .containsEntry("finished_at", "2026-07-01T03:00:00Z")
                .containsEntry("started_at", "2026-07-01T02:39:55.500Z");
        assertThat(rows.get(3)).containsEntry("result", "ERROR").containsEntry("tests_failed", "1");
    }

    @Test
    void aTimestampWithoutAnOffsetTakesTheSourcesZone() throws IOException {
        Path reports = StagedDrop.copySample("junit", temp);

        new JunitReports("ci", new SourceProperties.Junit(reports, ZoneId.of("UTC"), Map.of()), LIMIT).pull(staged());

        assertThat(StagedDrop.rows(temp.resolve("staged/tests.csv")))
                .filteredOn(row -> row.get("test_run_id").endsWith("LoginTest"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("started_at", "2026-07-01T10:00Z")
                        .containsEntry("finished_at", "2026-07-01T10:00:12.500Z"));
    }

    @Test
    void aMalformedReportIsRefusedWithItsNameLineAndColumn() {
        assertThatThrownBy(() -> pull(Path.of("src/test/resources/sources/junit-malformed"), Map.of()))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("source 'ci' failed")
                .hasMessageContaining("TEST-kr.example.talk.BrokenTest.xml is refused at line 4, column 3")
                .hasMessageContaining("testcase");
    }

    @Test
    void anExternalEntityIsRefusedAndNothingOfTheFileItNamesLeaks() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "TOP-SECRET-7731", StandardCharsets.UTF_8);
        Path reports = Files.createDirectories(temp.resolve("xxe"));
        Files.writeString(
                reports.resolve("TEST-xxe.xml"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]>\n"
                        + "<testsuite name=\"&s;\" tests=\"1\"><testcase name=\"&s;\"><failure message=\"&s;\"/>"
                        + "</testcase></testsuite>\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> pull(reports, Map.of()))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("TEST-xxe.xml is refused at line 2")
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
        assertThatThrownBy(() -> pull(Path.of("src/test/resources/sources/junit-xxe"), Map.of()))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("TEST-kr.example.talk.XxeTest.xml is refused at line 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
    }

    @Test
    void aBillionLaughsIsRefusedAtOnceWithoutExpanding() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(
                                () -> pull(Path.of("src/test/resources/sources/junit-billion-laughs"), Map.of()))
                        .isInstanceOf(SourceFailedException.class)
                        .hasMessageContaining("TEST-kr.example.talk.LolTest.xml is refused at line 2")
                        .hasMessageContaining("DOCTYPE")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("lollol")));
    }

    @Test
    void elementsNestedDeeperThanAnyReportAreRefused() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("deep"));
        Files.writeString(
                reports.resolve("TEST-deep.xml"),
                "<testsuite name=\"deep\">" + "<x>".repeat(10_000) + "</x>".repeat(10_000) + "</testsuite>");

        assertThatThrownBy(() -> pull(reports, Map.of()))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("TEST-deep.xml is refused at line 1")
                .hasMessageContaining("maxElementDepth");
    }

    @Test
    void aReportOverTheSizeLimitIsRefusedUnread() throws IOException {
        Path reports = StagedDrop.copySample("junit", temp);
        assertThatThrownBy(() ->
                        new JunitReports("ci", new SourceProperties.Junit(reports, null, Map.of()), 100).pull(staged()))
                .isInstanceOf(SourceFailedException.class)
                .hasMessageContaining("TEST-kr.example.talk.ArchiveTest.xml is refused")
                .hasMessageContaining("more than the limit of 100");
    }
}
