package kr.compliance.ingest;

import static kr.compliance.ingest.IngestIntegrationTests.CHANGES_HEADER;
import static kr.compliance.store.jooq.Tables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import kr.compliance.store.EvidenceTables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Drops made to slip something past the load: each is refused, or its bad rows are, and nothing is altered. */
@SpringBootTest
class HostileDropIntegrationTests {

    static final String ROW = "talk,DC-A,UPDATE,MAJOR,,%s,kim,,,,,2026-07-01T10:00+09:00,,,";

    @Autowired
    IngestService ingest;

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    Path drop;

    @BeforeEach
    void emptyStoreAndFreshDrop() throws IOException {
        drop = EvidenceTables.clearWithFreshDrop(dsl);
    }

    IngestSummary load() {
        return ingest.ingest(drop, null, Duration.ZERO);
    }

    void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static String change(String id, String summary) {
        return id + "," + ROW.formatted(summary) + "\n";
    }

    @Test
    void refusesAHeaderThatNamesAColumnTwice() throws IOException {
        write(
                drop.resolve("changes.csv"),
                "change_id,service,data_center,change_type,scale,requested_by,started_at,approved_by,approved_at, Approved_By\n"
                        + "CHG-1,talk,DC-A,UPDATE,MAJOR,kim,2026-07-01T10:00+09:00,,,lee\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(IngestFailedException.class)
                .hasMessage("changes.csv is refused: column approved_by appears twice in its header,"
                        + " at positions 8 and 10; keep one of them");
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isZero();
        assertThat(dsl.fetchCount(INGEST_LOAD)).isZero();
    }

    @Test
    void keepsTheRawTextOfARejectedRowWholeEvenWithATenMegabyteField() throws IOException {
        // far beyond the 65,535 bytes of the summary column: the row is rejected, its raw text kept
        String huge = "요약 summary ".repeat(1_000_000);
        write(
                drop.resolve("changes.csv"),
                CHANGES_HEADER + change("CHG-1", "") + change("CHG-2", huge) + change("CHG-3", ""));

        IngestSummary summary = load();

        assertThat(summary.totals()).isEqualTo(new LoadCounts(3, 2, 0, 0, 1));
        var rejection = dsl.selectFrom(REJECTED_RECORD).fetchSingle();
        assertThat(rejection.getColumnName()).isEqualTo("summary");
        assertThat(rejection.getRawRecord()).isEqualTo("CHG-2," + ROW.formatted(huge));
        assertThat(rejection.getRawBytes())
                .isEqualTo((long) rejection.getRawRecord().getBytes(StandardCharsets.UTF_8).length);
        assertThat(rejection.getRawCut()).isFalse();
    }

    @Test
    void keepsTheFirstPartOfARawTextBeyondTheBoundAndSaysItWasCut() throws IOException {
        String huge = "가".repeat(6_000_000); // 18,000,000 bytes in UTF-8, beyond a MEDIUMTEXT
        String raw = "CHG-2," + ROW.formatted(huge);
        long rawBytes = raw.getBytes(StandardCharsets.UTF_8).length;
        write(drop.resolve("changes.csv"), CHANGES_HEADER + change("CHG-1", "") + raw + "\n");

        assertThat(load().totals()).isEqualTo(new LoadCounts(2, 1, 0, 0, 1));

        var rejection = dsl.selectFrom(REJECTED_RECORD).fetchSingle();
        assertThat(rejection.getRawCut()).isTrue();
        assertThat(rejection.getRawBytes()).isEqualTo(rawBytes);
        assertThat(rejection.getRawSha256()).isEqualTo(sha256(raw));
        String kept = rejection.getRawRecord();
        int markerAt = kept.lastIndexOf("\n[cut: ");
        String part = kept.substring(0, markerAt);
        assertThat(raw).startsWith(part);
        assertThat(kept.substring(markerAt))
                .isEqualTo("\n[cut: only the first " + part.getBytes(StandardCharsets.UTF_8).length
                        + " of this record's " + rawBytes + " bytes in UTF-8 are kept]");
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(16_777_215);
        assertThat(part.length()).isGreaterThan(5_000_000);
    }

    @Test
    void keepsLongRejectedRowsOfOneChunkWithinTheServersPacketLimit() throws IOException {
        // three rows of 3 MB in one chunk: one statement for all of them outgrows an 8 MiB packet
        String long3mb = "x".repeat(3_000_000);
        write(
                drop.resolve("changes.csv"),
                CHANGES_HEADER + change("CHG-1", long3mb) + change("CHG-2", long3mb) + change("CHG-3", long3mb));
        setMaxAllowedPacket(8 << 20);
        try {
            assertThat(load().totals()).isEqualTo(new LoadCounts(3, 0, 0, 0, 3));
        } finally {
            setMaxAllowedPacket(256 << 20);
        }
        assertThat(dsl.select(REJECTED_RECORD.RAW_RECORD).from(REJECTED_RECORD).fetch(REJECTED_RECORD.RAW_RECORD))
                .allSatisfy(raw -> assertThat(raw).hasSize(3_000_000 + ROW.length() + 4));
    }

    /** The server's limit, seen by connections opened after it: the pool's are replaced. */
    private void setMaxAllowedPacket(int bytes) {
        dsl.execute("SET GLOBAL max_allowed_packet = " + bytes);
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void storesALongAcceptedTextWhole() throws IOException {
        // longer than an Excel cell holds (32,767), still within the 65,535 bytes of its column
        String title = "장".repeat(12_000) + "t".repeat(28_000);
        write(
                drop.resolve("incidents.csv"),
                "incident_id,service,data_center,severity,title,incident_type,started_at,detected_at,detection_source\n"
                        + "INC-1,talk,DC-A,SEV1," + title
                        + ",DC_FAILURE,2026-07-01T10:00+09:00,2026-07-01T10:05+09:00,MONITORING\n");

        assertThat(load().totals().inserted()).isEqualTo(1);
        assertThat(dsl.fetchValue(INCIDENT.TITLE)).isEqualTo(title);
    }

    @Test
    void rejectsARowWithAControlCharacterAndKeepsItsBytes() throws IOException {
        write(
                drop.resolve("changes.csv"),
                CHANGES_HEADER
                        + change("CHG-1", "\"tab\tand\r\nline breaks are text\"")
                        + change("CHG-2", "before\u0000after")
                        + change("CHG-3", "")
                        + change("CHG-4", "delete\u007f"));

        IngestSummary summary = load();

        // rows rejected: the command line exits with 3
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.totals()).isEqualTo(new LoadCounts(4, 2, 0, 0, 2));
        var rejections =
                dsl.selectFrom(REJECTED_RECORD).orderBy(REJECTED_RECORD.LINE_NO).fetch();
        assertThat(rejections.get(0).getColumnName()).isEqualTo("summary");
        assertThat(rejections.get(0).getReason())
                .isEqualTo("summary: holds the control character U+0000 (only tab, CR and LF are allowed in a value)");
        assertThat(rejections.get(0).getRawRecord()).isEqualTo("CHG-2," + ROW.formatted("before\u0000after"));
        assertThat(rejections.get(1).getReason()).contains("U+007F");
        assertThat(dsl.fetchValue(CHANGE_RECORD.SUMMARY, CHANGE_RECORD.CHANGE_ID.eq("CHG-1")))
                .isEqualTo("tab\tand\r\nline breaks are text");
        assertThat(dsl.fetchCount(CHANGE_RECORD, CHANGE_RECORD.CHANGE_ID.eq("CHG-3")))
                .isEqualTo(1);
    }

    @Test
    void rejectsAControlCharacterInAnIdOfAnyKind() throws IOException {
        write(
                drop.resolve("runbooks.csv"),
                "runbook_id,version,incident_type,title,last_reviewed_at\n"
                        + "RB-\u00011,1,DC_FAILURE,title,2026-05-01T10:00+09:00\n"
                        + "RB-2,1,DC_FAILURE,title,2026-05-01T10:00+09:00\n");

        assertThat(load().totals()).isEqualTo(new LoadCounts(2, 1, 0, 0, 1));
        assertThat(dsl.fetchValue(REJECTED_RECORD.REASON))
                .isEqualTo(
                        "runbook_id: holds the control character U+0001 (only tab, CR and LF are allowed in a value)");
    }

    @Test
    void refusesADropWithALinkThatLeavesIt() throws IOException {
        Path outside = Files.createTempDirectory(Path.of("target"), "outside-");
        Path secret = outside.resolve("changes.csv");
        write(secret, CHANGES_HEADER + change("CHG-SECRET", ""));
        Path link = Files.createSymbolicLink(drop.resolve("changes.csv"), secret.toAbsolutePath());

        assertThatThrownBy(this::load)
                .isInstanceOf(IngestFailedException.class)
                .hasMessage("the drop is refused: changes.csv is a link to " + secret.toRealPath()
                        + ", outside the drop folder; copy the file itself into the drop");
        assertThat(dsl.fetchCount(CHANGE_RECORD)).isZero();

        // a link to a file that is not there: refused too, not loaded as "no changes.csv"
        Files.delete(link);
        Files.createSymbolicLink(link, outside.resolve("gone.csv").toAbsolutePath());
        assertThatThrownBy(this::load)
                .isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("changes.csv is a link to")
                .hasMessageContaining("gone.csv");
    }

    @Test
    void refusesALinkThatLeavesTheDropEvenWhenItIsNotASourceFile() throws IOException {
        write(drop.resolve("changes.csv"), CHANGES_HEADER + change("CHG-1", ""));
        Files.createSymbolicLink(drop.resolve("notes"), Path.of("/etc"));

        assertThatThrownBy(this::load)
                .isInstanceOf(IngestFailedException.class)
                .hasMessageStartingWith("the drop is refused: notes is a link to /etc, outside the drop folder");
    }

    @Test
    void followsALinkThatStaysInsideTheDrop() throws IOException {
        Path archive = Files.createDirectories(drop.resolve("archive"));
        write(archive.resolve("changes-2026-07.csv"), CHANGES_HEADER + change("CHG-1", ""));
        Files.createSymbolicLink(drop.resolve("changes.csv"), Path.of("archive", "changes-2026-07.csv"));

        assertThat(load().totals().inserted()).isEqualTo(1);
    }
}
