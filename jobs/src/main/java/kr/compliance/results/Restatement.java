package kr.compliance.results;

import java.math.BigDecimal;

/**
 * A requirement's score as previously reported, the adjustment, and as restated: the three columns
 * a regulatory restatement shows. A score without data is null, and so is an adjustment to or from it.
 */
public record Restatement(String requirement, BigDecimal reported, BigDecimal adjustment, BigDecimal restated) {

    static Restatement of(ScoreRow before, ScoreRow after) {
        BigDecimal adjustment = before.score() == null || after.score() == null
                ? null
                : after.score().subtract(before.score());
        return new Restatement(after.requirement(), before.score(), adjustment, after.score());
    }
}
