package kr.compliance.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.compliance.scoring.Controls;
import kr.compliance.scoring.Requirement;

/**
 * The requirements of the ministry's order as every reader names them: the pack, the pages and the
 * API take their titles and their order from here, so they never drift apart.
 */
public final class Catalogue {

    /** The row of the overall score, after R1..R6. */
    public static final String OVERALL = Requirement.OVERALL;

    /** The 17 controls of docs/controls.md in order, each with its English and Korean title. */
    private static final Map<String, List<String>> CONTROLS = controls(
            "R1.1",
            "Pre-test passed",
            "사전테스트 통과",
            "R1.2",
            "Pre-test environment parity",
            "사전테스트 환경 동등성",
            "R1.3",
            "Destructive change safeguards",
            "파괴적 변경 보호조치",
            "R2.1",
            "Approved before start",
            "작업 전 승인",
            "R2.2",
            "Within the approved window",
            "승인된 작업 시간 준수",
            "R2.3",
            "No change during an open incident",
            "장애 중 변경 금지",
            "R3.1",
            "Runbook reviewed within a year",
            "장애 매뉴얼 1년 내 검토",
            "R3.2",
            "Runbook assigns the roles",
            "장애 매뉴얼 역할 지정",
            "R3.3",
            "Incident commander assigned",
            "장애 지휘자 지정",
            "R4.1",
            "Detected by monitoring",
            "모니터링으로 탐지",
            "R4.2",
            "Time to detect",
            "탐지 소요 시간",
            "R5.1",
            "Postmortem on time",
            "기한 내 장애 회고",
            "R5.2",
            "Postmortem complete",
            "장애 회고 완결성",
            "R5.3",
            "Action items closed on time",
            "후속 조치 기한 내 완료",
            "R6.1",
            "Users notified promptly",
            "신속한 이용자 고지",
            "R6.2",
            "Notified on several channels",
            "다채널 고지",
            "R6.3",
            "Resolution notice",
            "복구 고지");

    private Catalogue() {}

    /** Whether every control the score job runs has its titles here, and no other control has. */
    static boolean titlesEveryControl() {
        return CONTROLS.keySet().equals(new java.util.LinkedHashSet<>(Controls.ids()));
    }

    private static Map<String, List<String>> controls(String... idEnglishKorean) {
        Map<String, List<String>> controls = new LinkedHashMap<>();
        for (int i = 0; i < idEnglishKorean.length; i += 3) {
            controls.put(idEnglishKorean[i], List.of(idEnglishKorean[i + 1], idEnglishKorean[i + 2]));
        }
        return controls;
    }

    /** The control ids, R1.1 to R6.3, in order: those the score job runs. */
    public static List<String> controlIds() {
        return Controls.ids();
    }

    /** The title of a control in {@code ko} or {@code en}; an unknown id is itself. */
    public static String controlTitle(String controlId, String lang) {
        List<String> titles = CONTROLS.get(controlId);
        if (titles == null) {
            return controlId;
        }
        return "ko".equals(lang) ? titles.get(1) : titles.get(0);
    }

    /** R1..R6, then OVERALL: the order of scores everywhere. */
    public static List<String> scoreOrder() {
        List<String> order = new ArrayList<>();
        for (Requirement requirement : Requirement.values()) {
            order.add(requirement.name());
        }
        order.add(OVERALL);
        return List.copyOf(order);
    }

    /** The title of a requirement, or of OVERALL, in {@code ko} or {@code en}; an unknown id is itself. */
    public static String title(String requirement, String lang) {
        if (OVERALL.equals(requirement)) {
            return "ko".equals(lang) ? "종합" : "Overall";
        }
        for (Requirement known : Requirement.values()) {
            if (known.name().equals(requirement)) {
                return "ko".equals(lang) ? known.koreanTitle() : known.englishTitle();
            }
        }
        return requirement;
    }
}
