package kr.compliance.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One row of a run's scores: a requirement ({@code R1}..{@code R6}) or {@code OVERALL}, with its
 * finding counts, its score (null without PASS or FAIL) and rating.
 */
public record ScoreRow(
        String requirement, long pass, long fail, long exception, long pending, BigDecimal score, String rating) {

    static ScoreRow noData(String requirement) {
        return new ScoreRow(requirement, 0, 0, 0, 0, null, "NO_DATA");
    }

    /** The requirement's title in English and Korean, as the API shows it. */
    @JsonProperty("title")
    public String title() {
        return Catalogue.title(requirement, "en") + " (" + Catalogue.title(requirement, "ko") + ")";
    }
}
