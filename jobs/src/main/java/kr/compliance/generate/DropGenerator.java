package kr.compliance.generate;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a realistic synthetic canonical drop (docs/formats.md) for one quarter: changes spread over the
 * period with their test runs, an incident every few hundred changes with its notices, postmortem
 * and action items, runbooks per incident type, and a few exceptions. A sprinkling of everything
 * that goes wrong in practice: late and failed tests, low or unknown parity, missing and
 * self-approvals, overrun windows, slow detection, late notices, open incidents. Korean text in the
 * free-text fields. Streamed, one change at a time; the same arguments give the same bytes.
 */
public final class DropGenerator {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final String[] DATA_CENTERS = {"DC-PANGYO", "DC-GASAN", "DC-ANSAN", "DC-SANGAM", "DC-CHUNCHEON"};
    private static final String[] SERVICES = {"kakaotalk", "payments", "maps", "gifts", "mail", "auth"};
    private static final String[] INCIDENT_TYPES = {"NETWORK", "STORAGE", "DATABASE", "DEPLOYMENT", "CAPACITY"};
    private static final String[] PEOPLE = {"kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon"};
    private static final String[] SUMMARIES = {
        "정기 배포", "서버 파일 업데이트", "부하분산 설정 변경", "DB 인덱스 추가", "Certificate rotation", "캐시 노드 교체"
    };

    /** The sizes of what was written. */
    public record Counts(
            long changes,
            long tests,
            long incidents,
            long notifications,
            long postmortems,
            long actionItems,
            long runbooks,
            long exceptions) {}

    private final SplittableRandom random;
    private final Instant periodStart;
    private final Instant periodEnd;
    private long tests;
    private long incidents;
    private long notifications;
    private long postmortems;
    private long actionItems;
    private long exceptions;

    public DropGenerator(long seed, Instant periodStart, Instant periodEnd) {
        this.random = new SplittableRandom(seed);
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
    }

    /** Writes the drop of {@code changeCount} changes into {@code folder}. */
    public Counts write(Path folder, long changeCount) {
        try {
            Files.createDirectories(folder);
            try (DropFiles files = new DropFiles(folder)) {
                long runbooks = writeRunbooks(files.runbooks);
                long spacing = Duration.between(periodStart, periodEnd).toSeconds() / Math.max(changeCount, 1);
                for (long i = 1; i <= changeCount; i++) {
                    writeChange(
                            files,
                            i,
                            periodStart.plusSeconds((i - 1) * spacing + random.nextLong(Math.max(spacing, 1))));
                }
                return new Counts(
                        changeCount, tests, incidents, notifications, postmortems, actionItems, runbooks, exceptions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drop to " + folder + ": " + e.getMessage(), e);
        }
    }

    private void writeChange(DropFiles files, long index, Instant started) {
        String id = String.format("CHG-%09d", index);
        String dataCenter = pick(DATA_CENTERS);
        String requester = pick(PEOPLE);
        String type = weighted(
                new String[] {"UPDATE", "CONFIG", "INFRA", "SYSTEM_REPLACEMENT", "NEW_SERVICE", "EMERGENCY"},
                new int[] {35, 25, 15, 8, 5, 12});
        String scale = chance(30) ? "MAJOR" : "MINOR";
        boolean destructive = chance(10);
        String approver = chance(3) ? "" : chance(2) ? requester.toUpperCase() : other(requester);
        Instant approvedAt = approver.isEmpty()
                ? null
                : chance(3) ? started.plus(minutes(5, 300)) : started.minus(minutes(10, 2880));
        boolean windowed = "MAJOR".equals(scale) ? chance(95) : chance(20);
        Instant windowStart = windowed ? started.minus(minutes(0, 30)) : null;
        Instant windowEnd = windowed ? started.plus(minutes(60, 240)) : null;
        Instant ended = chance(2) ? null : started.plus(minutes(5, 200));
        files.changes.writeRecord(
                id,
                pick(SERVICES),
                dataCenter,
                type,
                scale,
                destructive ? "true" : "false",
                pick(SUMMARIES) + " #" + index,
                requester,
                approver,
                time(approvedAt),
                time(windowStart),
                time(windowEnd),
                time(started),
                time(ended),
                weighted(new String[] {"SUCCESS", "FAILED", "ROLLED_BACK", ""}, new int[] {88, 4, 5, 3}),
                destructive && chance(85) ? "이전 버전으로 롤백: " + id : "");
        int testRuns = 2 + (chance(50) ? 1 : 0);
        for (int t = 1; t <= testRuns; t++) {
            writeTest(files, id, t, started, destructive && t == testRuns);
        }
        if (chance(8) && exceptions < index / 500 + 1 && approver.isEmpty()) {
            exceptions++;
            files.exceptions.writeRecord(
                    String.format("EX-%07d", exceptions),
                    "R2.1",
                    id,
                    "긴급 대응으로 사후 승인 허용",
                    "ciso",
                    time(started.minus(Duration.ofDays(1))),
                    time(started.plus(Duration.ofDays(30))));
        }
        if (index % 300 == 150) {
            writeIncident(files, id, dataCenter, started);
        }
    }

    private void writeTest(DropFiles files, String changeId, int number, Instant changeStarted, boolean rollback) {
        tests++;
        Instant finished = chance(3)
                ? changeStarted.minus(Duration.ofDays(31 + random.nextInt(10)))
                : chance(2) ? changeStarted.plus(minutes(1, 120)) : changeStarted.minus(minutes(30, 4320));
        String parity = chance(8) ? "" : String.format("%.2f", 0.60 + random.nextInt(41) / 100.0);
        String result = weighted(new String[] {"PASSED", "FAILED", "ERROR", "SKIPPED"}, new int[] {90, 6, 2, 2});
        long total = 10 + random.nextInt(500);
        files.tests.writeRecord(
                changeId.replace("CHG", "T") + "-" + number,
                changeId,
                pick(new String[] {"staging", "canary", "prod-mirror", "qa"}),
                parity,
                rollback && chance(80)
                        ? "ROLLBACK"
                        : pick(new String[] {"UNIT", "INTEGRATION", "E2E", "LOAD", "FAILOVER"}),
                time(finished.minus(minutes(5, 90))),
                time(finished),
                result,
                Long.toString(total),
                "PASSED".equals(result) ? "0" : Long.toString(1 + random.nextInt(5)));
    }

    private void writeIncident(DropFiles files, String causeChange, String dataCenter, Instant changeStarted) {
        incidents++;
        String id = String.format("INC-%07d", incidents);
        String severity = weighted(new String[] {"SEV1", "SEV2", "SEV3", "SEV4"}, new int[] {10, 30, 40, 20});
        Instant started = changeStarted.plus(minutes(1, 60));
        Instant detected = started.plus(Duration.ofSeconds(30 + random.nextInt(chance(15) ? 900 : 300)));
        boolean open = chance(5);
        Instant resolved = open ? null : detected.plus(minutes(5, 120));
        Instant closed = resolved != null && chance(60) ? resolved.plus(Duration.ofDays(1 + random.nextInt(6))) : null;
        String pct = "SEV1".equals(severity)
                ? Integer.toString(10 + random.nextInt(80))
                : chance(50) ? String.format("%.1f", random.nextInt(300) / 10.0) : "";
        boolean major = "SEV1".equals(severity) || "SEV2".equals(severity);
        String commander = major && chance(95) ? pick(PEOPLE) : "";
        files.incidents.writeRecord(
                id,
                pick(SERVICES),
                dataCenter,
                severity,
                "메시지 수발신 지연 / message delay " + id,
                pick(INCIDENT_TYPES),
                time(started),
                time(detected),
                time(resolved),
                time(closed),
                pct,
                weighted(
                        new String[] {"MONITORING", "USER_REPORT", "INTERNAL_REPORT", "EXTERNAL"},
                        new int[] {85, 8, 5, 2}),
                causeChange,
                commander,
                commander.isEmpty() ? "" : time(detected.plus(minutes(2, chance(10) ? 40 : 14))));
        writeNotices(files, id, detected, resolved);
        if (major && resolved != null && chance(85)) {
            writePostmortem(files, id, resolved);
        }
    }

    private void writeNotices(DropFiles files, String incidentId, Instant detected, Instant resolved) {
        List<String[]> notices = new ArrayList<>();
        notices.add(new String[] {"SNS", "INITIAL", time(detected.plus(minutes(5, chance(10) ? 60 : 28)))});
        if (chance(80)) {
            notices.add(new String[] {
                pick(new String[] {"STATUS_PAGE", "IN_APP", "EMAIL"}), "UPDATE", time(detected.plus(minutes(10, 55)))
            });
        }
        if (resolved != null && chance(90)) {
            notices.add(new String[] {"SNS", "RESOLVED", time(resolved.plus(minutes(1, chance(10) ? 120 : 59)))});
        }
        for (String[] notice : notices) {
            notifications++;
            files.notifications.writeRecord(
                    String.format("N-%08d", notifications),
                    incidentId,
                    notice[0],
                    notice[1],
                    notice[2],
                    "https://status.example/" + incidentId);
        }
    }

    private void writePostmortem(DropFiles files, String incidentId, Instant resolved) {
        postmortems++;
        String id = String.format("PM-%07d", postmortems);
        Instant published = resolved.plus(Duration.ofDays(1 + random.nextInt(chance(15) ? 14 : 6)));
        files.postmortems.writeRecord(
                id,
                incidentId,
                time(published),
                chance(95) ? "v3" : "",
                chance(90) ? "배포 전 검증 누락 (missing pre-release verification)" : "");
        int items = random.nextInt(4);
        for (int i = 1; i <= items; i++) {
            actionItems++;
            Instant due = published.plus(Duration.ofDays(14 + random.nextInt(30)));
            Instant closed = chance(70)
                    ? due.minus(Duration.ofDays(random.nextInt(10)))
                    : chance(50) ? due.plus(Duration.ofDays(1 + random.nextInt(10))) : null;
            files.actionItems.writeRecord(
                    String.format("AI-%07d", actionItems), id, "재발 방지 조치 " + i, pick(PEOPLE), time(due), time(closed));
        }
    }

    private long writeRunbooks(CsvWriter runbooks) {
        long count = 0;
        for (String type : INCIDENT_TYPES) {
            for (int version = 1; version <= 2; version++) {
                count++;
                String roles = switch (type) {
                    case "CAPACITY" -> "COMMANDER=SRE";
                    case "DEPLOYMENT" -> "COMMANDER=SRE;COMMUNICATIONS=홍보팀;on-call";
                    default -> "COMMANDER=SRE;COMMUNICATIONS=PR";
                };
                runbooks.writeRecord(
                        "RUNBOOK-" + type,
                        Integer.toString(version),
                        type,
                        type + " 장애 대응 매뉴얼",
                        "SRE",
                        roles,
                        time(periodStart.minus(Duration.ofDays(version == 1 ? 400 : 60))));
            }
        }
        return count;
    }

    private Duration minutes(int from, int to) {
        return Duration.ofSeconds(from * 60L + random.nextInt((to - from) * 60 + 1));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String other(String person) {
        String other = pick(PEOPLE);
        return other.equals(person)
                ? PEOPLE[(java.util.Arrays.asList(PEOPLE).indexOf(person) + 1) % PEOPLE.length]
                : other;
    }

    private String weighted(String[] values, int[] weights) {
        int total = java.util.Arrays.stream(weights).sum();
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** Mostly with a +09:00 offset, some in UTC, a few without an offset (read in the source zone). */
    private String time(Instant instant) {
        if (instant == null) {
            return "";
        }
        int form = random.nextInt(100);
        if (form < 5) {
            return UTC.format(instant.atOffset(ZoneOffset.UTC));
        }
        if (form < 8) {
            return LOCAL.format(instant.atZone(SEOUL));
        }
        return WITH_OFFSET.format(instant.atZone(SEOUL));
    }

    /** The eight open CSV writers of a drop, each with its header. */
    private static final class DropFiles implements AutoCloseable {
        final CsvWriter changes;
        final CsvWriter tests;
        final CsvWriter incidents;
        final CsvWriter notifications;
        final CsvWriter postmortems;
        final CsvWriter actionItems;
        final CsvWriter runbooks;
        final CsvWriter exceptions;

        DropFiles(Path folder) throws IOException {
            changes = open(
                    folder,
                    "changes.csv",
                    "change_id",
                    "service",
                    "data_center",
                    "change_type",
                    "scale",
                    "destructive",
                    "summary",
                    "requested_by",
                    "approved_by",
                    "approved_at",
                    "window_start",
                    "window_end",
                    "started_at",
                    "ended_at",
                    "outcome",
                    "rollback_plan");
            tests = open(
                    folder,
                    "tests.csv",
                    "test_run_id",
                    "change_id",
                    "environment",
                    "env_parity",
                    "scope",
                    "started_at",
                    "finished_at",
                    "result",
                    "tests_total",
                    "tests_failed");
            incidents = open(
                    folder,
                    "incidents.csv",
                    "incident_id",
                    "service",
                    "data_center",
                    "severity",
                    "title",
                    "incident_type",
                    "started_at",
                    "detected_at",
                    "resolved_at",
                    "closed_at",
                    "users_affected_pct",
                    "detection_source",
                    "cause_change_id",
                    "commander",
                    "commander_assigned_at");
            notifications = open(
                    folder,
                    "notifications.csv",
                    "notification_id",
                    "incident_id",
                    "channel",
                    "kind",
                    "published_at",
                    "url");
            postmortems = open(
                    folder,
                    "postmortems.csv",
                    "postmortem_id",
                    "incident_id",
                    "published_at",
                    "template_version",
                    "root_cause");
            actionItems = open(
                    folder,
                    "action_items.csv",
                    "action_item_id",
                    "postmortem_id",
                    "title",
                    "owner",
                    "due_at",
                    "closed_at");
            runbooks = open(
                    folder,
                    "runbooks.csv",
                    "runbook_id",
                    "version",
                    "incident_type",
                    "title",
                    "owner_department",
                    "roles",
                    "last_reviewed_at");
            exceptions = open(
                    folder,
                    "exceptions.csv",
                    "exception_id",
                    "control_id",
                    "subject_id",
                    "reason",
                    "approved_by",
                    "valid_from",
                    "valid_until");
        }

        private static CsvWriter open(Path folder, String name, String... header) throws IOException {
            CsvWriter writer = CsvWriter.builder()
                    .lineDelimiter(LineDelimiter.LF)
                    .bufferSize(1 << 16)
                    .build(folder.resolve(name), StandardCharsets.UTF_8);
            writer.writeRecord(header);
            return writer;
        }

        @Override
        public void close() throws IOException {
            for (CsvWriter writer :
                    List.of(changes, tests, incidents, notifications, postmortems, actionItems, runbooks, exceptions)) {
                writer.close();
            }
        }
    }
}
