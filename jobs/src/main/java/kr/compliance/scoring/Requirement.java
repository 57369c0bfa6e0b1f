package kr.compliance.scoring;

/** The six corrective actions of the ministry's order, as the requirements the controls roll up to. */
public enum Requirement {
    R1("Pre-change testing", "사전테스트 체계 강화"),
    R2("Work management control", "작업관리 통제"),
    R3("Disaster and incident manuals", "재난·장애 매뉴얼·지침"),
    R4("Monitoring", "모니터링 고도화"),
    R5("Incident retrospectives", "장애 회고 프로세스 표준화"),
    R6("User notification", "이용자 고지");

    /** The row of the overall score, after R1..R6. */
    public static final String OVERALL = "OVERALL";

    private final String englishTitle;
    private final String koreanTitle;

    Requirement(String englishTitle, String koreanTitle) {
        this.englishTitle = englishTitle;
        this.koreanTitle = koreanTitle;
    }

    public String englishTitle() {
        return englishTitle;
    }

    public String koreanTitle() {
        return koreanTitle;
    }
}
