package kr.compliance.scoring.controls;

import static kr.compliance.scoring.controls.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kr.compliance.scoring.policy.PolicyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;

/**
 * Every reason code of the 17 controls, each given by a subject that makes its rule say it, and
 * worded in English and Korean; one reason of each control word for word in both.
 */
class ReasonsTests {

    /** A subject whose verdict must carry {@code code}; {@code english}/{@code korean} when pinned. */
    record Case(String code, Supplier<Optional<Verdict>> verdict, String english, String korean) {
        @Override
        public String toString() {
            return code;
        }

        Reason reason() {
            return verdict.get().orElseThrow().reason();
        }
    }

    private static final String START = "2026-08-01T18:00+09:00";

    static List<Case> cases() {
        return List.of(
                change(
                        "R1.1.passed",
                        new R1_1_PretestPassed(),
                        x -> {},
                        LATE_AS_OF,
                        "passing test T-1 finished 2026-08-01T17:00+09:00, 60 min before start",
                        "통과한 사전테스트 T-1이(가) 2026-08-01T17:00+09:00에 종료됨 (작업 시작 60분 전)"),
                change("R1.1.no-test", new R1_1_PretestPassed(), x -> x.tests.clear()),
                change(
                        "R1.1.no-passing-test",
                        new R1_1_PretestPassed(),
                        x -> x.tests.set(0, Change.passed("T-1", "0.95", "E2E", T0.minus(Duration.ofDays(31)))),
                        LATE_AS_OF,
                        "no passing test finished in the 30 days before start (" + START + "); runs seen: T-1",
                        "작업 시작(" + START + ") 전 30일 이내에 종료된 통과 사전테스트가 없음; 확인된 테스트: T-1"),
                change("R1.2.parity-met", new R1_2_PretestParity(), x -> {}),
                change(
                        "R1.2.parity-low",
                        new R1_2_PretestParity(),
                        x -> x.tests.set(0, Change.passed("T-201", "0.620", "E2E", T0.minus(min(60)))),
                        LATE_AS_OF,
                        "best parity 0.62 < 0.9 (test T-201)",
                        "최고 환경 동등성 0.62, 기준 0.9 미만 (테스트 T-201)"),
                change(
                        "R1.2.parity-unknown",
                        new R1_2_PretestParity(),
                        x -> x.tests.set(0, Change.passed("T-1", null, "E2E", T0.minus(min(60))))),
                change("R1.3.safeguarded", new R1_3_DestructiveSafeguard(), x -> {
                    x.destructive = true;
                    x.tests.set(0, Change.passed("T-1", "0.95", "ROLLBACK", T0.minus(min(60))));
                }),
                change(
                        "R1.3.unsafeguarded",
                        new R1_3_DestructiveSafeguard(),
                        x -> {
                            x.destructive = true;
                            x.rollbackPlan = " ";
                        },
                        LATE_AS_OF,
                        "destructive change with no rollback plan and no qualifying pre-test with scope ROLLBACK",
                        "파괴적 변경 작업의 보호조치 미비: 롤백 계획 없음, ROLLBACK 범위의 적격 사전테스트 없음"),
                change("R2.1.approved", new R2_1_ApprovedBeforeStart(), x -> {}),
                change("R2.1.approved-late", new R2_1_ApprovedBeforeStart(), x -> x.approvedAt = T0.plus(min(10))),
                change("R2.1.no-approval", new R2_1_ApprovedBeforeStart(), x -> x.approvedBy = null),
                change(
                        "R2.1.self-approved",
                        new R2_1_ApprovedBeforeStart(),
                        x -> x.approvedBy = " KIM ",
                        LATE_AS_OF,
                        "approved by its own requester (KIM); approval due before start (" + START + ")",
                        "요청자 본인(KIM)이 승인함; 승인 기한: 작업 시작(" + START + ") 전"),
                change("R2.1.no-approval-time", new R2_1_ApprovedBeforeStart(), x -> x.approvedAt = null),
                change("R2.1.emergency.approved", new R2_1_ApprovedBeforeStart(), x -> {
                    x.type = "EMERGENCY";
                    x.approvedAt = T0.plus(min(60));
                }),
                change(
                        "R2.1.emergency.approved-late",
                        new R2_1_ApprovedBeforeStart(),
                        x -> {
                            x.type = "EMERGENCY";
                            x.approvedAt = T0.plus(Duration.ofHours(25));
                        },
                        LATE_AS_OF,
                        "approved by lee at 2026-08-02T19:00+09:00, 1 day 1 h after start; approval due within 1 day"
                                + " of start, by 2026-08-02T18:00+09:00",
                        "lee이(가) 2026-08-02T19:00+09:00에 승인함 (작업 시작 1일 1시간 후); 승인 기한: 작업 시작 후 1일"
                                + " 이내(2026-08-02T18:00+09:00까지)"),
                change(
                        "R2.1.emergency.not-approved-yet",
                        new R2_1_ApprovedBeforeStart(),
                        x -> {
                            x.type = "EMERGENCY";
                            x.approvedBy = null;
                        },
                        asOf(T0.plus(min(60)))),
                change("R2.1.emergency.no-approval", new R2_1_ApprovedBeforeStart(), x -> {
                    x.type = "EMERGENCY";
                    x.approvedBy = null;
                }),
                change("R2.1.emergency.self-approved", new R2_1_ApprovedBeforeStart(), x -> {
                    x.type = "EMERGENCY";
                    x.approvedBy = "kim";
                }),
                change("R2.1.emergency.no-approval-time", new R2_1_ApprovedBeforeStart(), x -> {
                    x.type = "EMERGENCY";
                    x.approvedAt = null;
                }),
                change("R2.2.within", new R2_2_WithinWindow(), x -> {}),
                change("R2.2.within-not-ended", new R2_2_WithinWindow(), x -> x.endedAt = null),
                change("R2.2.no-window", new R2_2_WithinWindow(), x -> {
                    x.windowStart = null;
                    x.windowEnd = null;
                }),
                change("R2.2.no-window-start", new R2_2_WithinWindow(), x -> x.windowStart = null),
                change("R2.2.no-window-end", new R2_2_WithinWindow(), x -> x.windowEnd = null),
                change("R2.2.started-before", new R2_2_WithinWindow(), x -> x.windowStart = T0.plus(min(10))),
                change("R2.2.started-after", new R2_2_WithinWindow(), x -> x.windowEnd = T0.minus(min(10))),
                change(
                        "R2.2.ended-after",
                        new R2_2_WithinWindow(),
                        x -> x.endedAt = T0.plus(min(150)),
                        LATE_AS_OF,
                        "ended 2026-08-01T20:30+09:00, after its window 2026-08-01T17:30+09:00 to 2026-08-01T20:00+09:00",
                        "2026-08-01T20:30+09:00에 종료되어 승인된 작업 시간(2026-08-01T17:30+09:00 ~ 2026-08-01T20:00+09:00)을"
                                + " 넘김"),
                change("R2.3.no-open-incident", new R2_3_NoChangeDuringOpenIncident(), x -> {}),
                change(
                        "R2.3.open-incident",
                        new R2_3_NoChangeDuringOpenIncident(),
                        x -> x.openIncident = new ChangeFacts.OpenIncident("INC-9", "SEV1", "DC-A", T0.minus(min(45))),
                        LATE_AS_OF,
                        "SEV1 incident INC-9 open on DC-A since 2026-08-01T17:15+09:00 when the change started ("
                                + START + ")",
                        "작업 시작(" + START + ") 시점에 DC-A에서 2026-08-01T17:15+09:00부터 SEV1 장애 INC-9이(가) 진행 중이었음"),
                incident("R3.1.reviewed", new R3_1_RunbookCurrent(), x -> {}),
                incident(
                        "R3.1.review-too-old",
                        new R3_1_RunbookCurrent(),
                        x -> x.review = new IncidentFacts.RunbookReview("RB-1", "3", T0.minus(Duration.ofDays(400))),
                        LATE_AS_OF,
                        "runbook RB-1 v3 reviewed 2025-06-27T18:00+09:00, 400 days before the incident (> 365 days)",
                        "장애 매뉴얼 RB-1 v3: 장애 발생 400일 전인 2025-06-27T18:00+09:00에 검토됨 (기준 365일 초과)"),
                incident("R3.1.no-runbook", new R3_1_RunbookCurrent(), x -> x.review = null),
                runbook("R3.2.roles-assigned", "COMMANDER=SRE;COMMUNICATIONS=PR", null, null),
                runbook(
                        "R3.2.roles-missing",
                        "COMMANDER=SRE",
                        "runbook RB-DB v10 assigns no department for COMMUNICATIONS",
                        "장애 매뉴얼 RB-DB v10에 담당 부서가 지정되지 않은 역할: COMMUNICATIONS"),
                incident("R3.3.assigned", new R3_3_CommanderAssigned(), x -> {}),
                incident(
                        "R3.3.assigned-late",
                        new R3_3_CommanderAssigned(),
                        x -> x.commanderAssignedAt = T0.plus(min(60))),
                incident("R3.3.no-commander", new R3_3_CommanderAssigned(), x -> x.commander = null),
                incident(
                        "R3.3.no-commander-yet",
                        new R3_3_CommanderAssigned(),
                        x -> x.commander = null,
                        asOf(T0.plus(min(3))),
                        "no commander assigned yet; a commander is due within 15 min of detection (2026-08-01T18:02+09:00)",
                        "아직 장애 지휘자 지정 없음; 지정 기한: 탐지(2026-08-01T18:02+09:00) 후 15분 이내"),
                incident("R3.3.no-assignment-time", new R3_3_CommanderAssigned(), x -> x.commanderAssignedAt = null),
                incident(
                        "R3.3.no-assignment-time-yet",
                        new R3_3_CommanderAssigned(),
                        x -> x.commanderAssignedAt = null,
                        asOf(T0.plus(min(3)))),
                incident("R4.1.monitoring", new R4_1_DetectedByMonitoring(), x -> {}),
                incident(
                        "R4.1.not-monitoring",
                        new R4_1_DetectedByMonitoring(),
                        x -> x.detectionSource = "CUSTOMER",
                        LATE_AS_OF,
                        "detected by CUSTOMER, not by monitoring",
                        "모니터링이 아닌 CUSTOMER(으)로 탐지함"),
                incident("R4.2.in-time", new R4_2_TimeToDetect(), x -> {}),
                incident(
                        "R4.2.late",
                        new R4_2_TimeToDetect(),
                        x -> x.detectedAt = T0.plusSeconds(301),
                        LATE_AS_OF,
                        "detected 2026-08-01T18:05:01+09:00, 5 min 1 s after impact start (> 5 min)",
                        "영향 시작 5분 1초 후인 2026-08-01T18:05:01+09:00에 탐지함 (기준 5분 초과)"),
                incident("R5.1.published", new R5_1_PostmortemOnTime(), x -> {}),
                incident(
                        "R5.1.published-late",
                        new R5_1_PostmortemOnTime(),
                        x -> x.postmortem = new IncidentFacts.FirstPostmortem("PM-1", T0.plus(Duration.ofDays(10)))),
                incident("R5.1.no-postmortem", new R5_1_PostmortemOnTime(), x -> x.postmortem = null),
                incident(
                        "R5.1.no-postmortem-yet",
                        new R5_1_PostmortemOnTime(),
                        x -> x.postmortem = null,
                        asOf(T0.plus(Duration.ofDays(1))),
                        "no postmortem yet; due within 7 days of resolution, by 2026-08-08T19:00+09:00",
                        "아직 장애 회고 없음; 게시 기한: 복구 후 7일 이내(2026-08-08T19:00+09:00까지)"),
                postmortem("R5.2.complete", "cause", "v2", List.of("AI-1", "AI-2"), null, null),
                postmortem(
                        "R5.2.incomplete",
                        " ",
                        "",
                        List.of(),
                        "postmortem of incident INC-1 is incomplete: no root cause, no template version, no action items",
                        "장애 INC-1의 회고가 완결되지 않음: 근본 원인 없음, 템플릿 버전 없음, 후속 조치 없음"),
                actionItem("R5.3.closed", T0.minus(min(1)), LATE_AS_OF, null, null),
                actionItem(
                        "R5.3.closed-late",
                        T0.plus(Duration.ofDays(2)),
                        LATE_AS_OF,
                        "closed 2026-08-03T18:00+09:00, 2 days after it was due " + START,
                        "2026-08-03T18:00+09:00에 완료됨: 기한(" + START + ")보다 2일 늦음"),
                actionItem("R5.3.open", null, asOf(T0.minus(min(1))), null, null),
                actionItem("R5.3.not-closed", null, LATE_AS_OF, null, null),
                incident(
                        "R6.1.published",
                        new R6_1_NotifiedPromptly(),
                        x -> {},
                        LATE_AS_OF,
                        "INITIAL notice N-1 (SNS) published 2026-08-01T18:12+09:00, 10 min after detection",
                        "최초(INITIAL) 고지 N-1(SNS): 탐지 10분 후인 2026-08-01T18:12+09:00에 게시됨"),
                incident(
                        "R6.1.published-late",
                        new R6_1_NotifiedPromptly(),
                        x -> x.notices.set(0, new IncidentFacts.Notice("N-1", "SNS", "INITIAL", T0.plus(min(60))))),
                incident("R6.1.no-notice", new R6_1_NotifiedPromptly(), x -> x.notices.clear()),
                incident(
                        "R6.1.no-notice-yet",
                        new R6_1_NotifiedPromptly(),
                        x -> x.notices.clear(),
                        asOf(T0.plus(min(5)))),
                incident("R6.2.channels", new R6_2_MultiChannel(), x -> {}),
                incident(
                        "R6.2.channels-short",
                        new R6_2_MultiChannel(),
                        x -> x.notices.removeIf(n -> n.channel().equals("SNS")),
                        LATE_AS_OF,
                        "1 channel(s) (STATUS_PAGE) within 60 min of detection: fewer than 2 channels and no SNS",
                        "탐지 후 60분 이내 1개 채널(STATUS_PAGE)로 고지함: 채널 2개 미만, SNS 채널 없음"),
                incident("R6.2.no-notice-short", new R6_2_MultiChannel(), x -> x.notices.clear()),
                incident(
                        "R6.2.no-notice",
                        new R6_2_MultiChannel(),
                        x -> x.notices.clear(),
                        withPolicy(noChannelsNeeded())),
                incident("R6.3.published", new R6_3_ResolutionNotice(), x -> {}),
                incident("R6.3.no-notice", new R6_3_ResolutionNotice(), x -> x.notices.remove(2)),
                incident(
                        "R6.3.no-notice-yet",
                        new R6_3_ResolutionNotice(),
                        x -> x.notices.remove(2),
                        asOf(T0.plus(min(65)))),
                incident(
                        "R6.3.outside-window-so-far",
                        new R6_3_ResolutionNotice(),
                        x -> x.notices.set(2, new IncidentFacts.Notice("N-3", "SNS", "RESOLVED", T0.plus(min(30)))),
                        asOf(T0.plus(min(65)))),
                incident(
                        "R6.3.outside-window",
                        new R6_3_ResolutionNotice(),
                        x -> x.notices.set(2, new IncidentFacts.Notice("N-3", "SNS", "RESOLVED", T0.plus(min(150)))),
                        LATE_AS_OF,
                        "RESOLVED notice(s) N-3 published 2026-08-01T20:30+09:00, outside the window; a RESOLVED notice"
                                + " is due between resolution (2026-08-01T19:00+09:00) and 2026-08-01T20:00+09:00",
                        "복구(RESOLVED) 고지 N-3이(가) 2026-08-01T20:30+09:00에 게시되어 기한 범위를 벗어남; 고지 기한:"
                                + " 복구 시각(2026-08-01T19:00+09:00)부터 2026-08-01T20:00+09:00까지"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCodeIsGivenAndWordedInBothLanguages(Case c) {
        Reason reason = c.reason();
        assertThat(reason.code()).isEqualTo(c.code());
        String english = ReasonText.of(reason, "en");
        String korean = ReasonText.of(reason, "ko");
        if (c.english() != null) {
            assertThat(english).isEqualTo(c.english());
            assertThat(korean).isEqualTo(c.korean());
        }
        assertThat(korean)
                .as("worded in Korean")
                .containsPattern("\\p{IsHangul}")
                .doesNotContain("{", "}");
        assertThat(english).doesNotContain("{", "}").doesNotContainPattern("\\p{IsHangul}");
        // stored and read back, the reason is the same and words the same
        Reason stored = Reason.parse(reason.code(), reason.paramsJson());
        assertThat(ReasonText.of(stored, "ko")).isEqualTo(korean);
        assertThat(ReasonText.of(stored, "en")).isEqualTo(english);
    }

    @Test
    void everyControlIsPinnedWordForWordInBothLanguages() {
        Set<String> pinned = cases().stream()
                .filter(c -> c.english() != null)
                .map(c -> c.code().substring(0, 4))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(pinned).hasSize(17);
    }

    /** A template nobody gives, or a code given without a template in a language, fails here. */
    @Test
    void theCodesGivenAreExactlyThoseWithTemplatesInBothLanguages() {
        Set<String> given = cases().stream().map(Case::code).collect(Collectors.toCollection(TreeSet::new));
        for (String lang : ReasonText.LANGUAGES) {
            Set<String> codes = ReasonText.templateKeys(lang).stream()
                    .filter(key -> key.matches("R\\d\\.\\d\\..+") && !key.contains(".phrase."))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(codes).as(lang).isEqualTo(given);
        }
        assertThat(ReasonText.templateKeys("ko")).isEqualTo(ReasonText.templateKeys("en"));
    }

    @Test
    void durationsAreWordedExactlyInEachLanguage() {
        List<Duration> durations = List.of(
                Duration.ofDays(7),
                Duration.ofDays(1),
                Duration.ofMinutes(60),
                Duration.ofSeconds(301),
                Duration.ofHours(24).plusMinutes(1),
                Duration.ofDays(426).plusHours(8).plusMinutes(6),
                Duration.ofMinutes(-5));
        assertThat(durations.stream().map(d -> ReasonText.duration(d, "en")))
                .containsExactly(
                        "7 days", "1 day", "60 min", "5 min 1 s", "1 day 1 min", "426 days 8 h 6 min", "-5 min");
        assertThat(durations.stream().map(d -> ReasonText.duration(d, "ko")))
                .containsExactly("7일", "1일", "60분", "5분 1초", "1일 1분", "426일 8시간 6분", "-5분");
    }

    @Test
    void parametersAreAJsonObjectOfTextsNumbersAndLists() {
        Reason reason = Reason.of("R6.2.channels-short")
                .with("within", Duration.ofMinutes(60))
                .with("count", 1)
                .with("channels", List.of("STATUS_PAGE"))
                .with("note", "a \"quoted\", {braced} text");
        assertThat(reason.paramsJson())
                .isEqualTo("{\"within\":\"PT1H\",\"count\":1,\"channels\":[\"STATUS_PAGE\"],"
                        + "\"note\":\"a \\\"quoted\\\", {braced} text\"}");
        assertThat(Reason.parse(reason.code(), reason.paramsJson()).paramsJson())
                .isEqualTo(reason.paramsJson());
    }

    @Test
    void aParameterValueIsNeverReadAsATemplate() {
        Reason reason = Reason.of("R4.1.not-monitoring").with("source", "{source} $1 \\");
        assertThat(ReasonText.of(reason, "en")).isEqualTo("detected by {source} $1 \\, not by monitoring");
    }

    @Test
    void aCodeWithoutATemplateOrAParameterMissingFails() {
        assertThatThrownBy(() -> ReasonText.of(Reason.of("R9.9.unknown"), "ko"))
                .hasMessageContaining("no template 'R9.9.unknown' in scoring/reasons_ko.properties");
        assertThatThrownBy(() -> ReasonText.of(Reason.of("R4.1.not-monitoring"), "en"))
                .hasMessageContaining("names a parameter 'source' the reason does not have");
        assertThatThrownBy(() -> ReasonText.of(Reason.of("R4.1.monitoring"), "fr"))
                .hasMessageContaining("en or ko, not 'fr'");
    }

    @Test
    void aCoveredFailureSaysWhichExceptionCoversIt() {
        assertThat(ReasonText.coveredBy("EX-1", "en")).isEqualTo("; covered by exception EX-1");
        assertThat(ReasonText.coveredBy("EX-1", "ko")).isEqualTo("; 예외 승인 EX-1에 따라 예외 처리됨");
    }

    private static Case change(String code, Control<ChangeFacts> control, Consumer<Change> alter) {
        return change(code, control, alter, LATE_AS_OF);
    }

    private static Case change(String code, Control<ChangeFacts> control, Consumer<Change> alter, Judging judging) {
        return change(code, control, alter, judging, null, null);
    }

    private static Case change(
            String code,
            Control<ChangeFacts> control,
            Consumer<Change> alter,
            Judging judging,
            String english,
            String korean) {
        return new Case(
                code,
                () -> {
                    Change change = new Change();
                    alter.accept(change);
                    return control.judge(change.facts(), judging);
                },
                english,
                korean);
    }

    private static Case incident(String code, Control<IncidentFacts> control, Consumer<Incident> alter) {
        return incident(code, control, alter, LATE_AS_OF);
    }

    private static Case incident(
            String code, Control<IncidentFacts> control, Consumer<Incident> alter, Judging judging) {
        return incident(code, control, alter, judging, null, null);
    }

    private static Case incident(
            String code,
            Control<IncidentFacts> control,
            Consumer<Incident> alter,
            Judging judging,
            String english,
            String korean) {
        return new Case(
                code,
                () -> {
                    Incident incident = new Incident();
                    alter.accept(incident);
                    return control.judge(incident.facts(), judging);
                },
                english,
                korean);
    }

    private static Case runbook(String code, String roles, String english, String korean) {
        return new Case(
                code,
                () -> new R3_2_RunbookRoles().judge(new RunbookFacts("RB-DB", "10", "DB", roles, T0), LATE_AS_OF),
                english,
                korean);
    }

    private static Case postmortem(
            String code, String rootCause, String template, List<String> items, String english, String korean) {
        return new Case(
                code,
                () -> new R5_2_PostmortemComplete()
                        .judge(
                                new PostmortemFacts(
                                        "PM-1", "INC-1", T0, T0.plus(Duration.ofDays(1)), template, rootCause, items),
                                LATE_AS_OF),
                english,
                korean);
    }

    private static Case actionItem(
            String code, java.time.Instant closedAt, Judging judging, String english, String korean) {
        return new Case(
                code,
                () -> new R5_3_ActionItemClosed().judge(new ActionItemFacts("AI-1", "PM-1", T0, closedAt), judging),
                english,
                korean);
    }

    /** The default policy asking for no channel at all within the hour. */
    private static kr.compliance.scoring.policy.Policy noChannelsNeeded() {
        try {
            String text = new ClassPathResource("policy/default-policy.yml").getContentAsString(StandardCharsets.UTF_8);
            return PolicyFile.parse(
                    text.replaceFirst("min-channels: 2", "min-channels: 0")
                            .replaceFirst("required-channels: \\[SNS]", "required-channels: []"),
                    "no-channels.yml");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
