package kr.compliance.results;

import java.util.ArrayList;
import java.util.List;
import kr.compliance.scoring.Requirement;

/**
 * The requirements of the ministry's order as every reader names them: the pack, the pages and the
 * API take their titles and their order from here, so they never drift apart.
 */
public final class Catalogue {

    /** The row of the overall score, after R1..R6. */
    public static final String OVERALL = Requirement.OVERALL;

    private Catalogue() {}

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
