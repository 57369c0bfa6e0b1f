package kr.compliance.serve;

import java.math.BigDecimal;

/** One row of {@code scores.csv}: a requirement R1..R6, or OVERALL. */
public record ScoreRow(
        String requirement,
        String title,
        long pass,
        long fail,
        long exception,
        long pending,
        BigDecimal score,
        String rating) {}
