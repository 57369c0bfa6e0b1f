package kr.compliance.serve;

import java.util.Map;

/** The titles of the six requirements of the ministry's order, as {@code scores.csv} shows them. */
final class Requirements {

    static final Map<String, String> TITLES = Map.of(
            "R1", "Pre-change testing (사전테스트 체계 강화)",
            "R2", "Work management control (작업관리 통제)",
            "R3", "Disaster and incident manuals (재난·장애 매뉴얼)",
            "R4", "Monitoring (모니터링 고도화)",
            "R5", "Incident retrospectives (장애 회고 프로세스)",
            "R6", "User notification (이용자 고지)",
            "OVERALL", "Overall (종합)");

    private Requirements() {}
}
