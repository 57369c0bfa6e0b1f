package kr.compliance.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import kr.compliance.scoring.policy.Policy;

/**
 * One row of the scores: a requirement (R1..R6) or OVERALL, its counts, its score rounded half-up to
 * one decimal (empty without PASS or FAIL), and its rating.
 *
 * @param exact the unrounded score as a fraction, kept so OVERALL can average exact values
 */
public record Score(
        String requirement,
        long pass,
        long fail,
        long exception,
        long pending,
        BigDecimal score,
        String rating,
        Fraction exact) {

    /** A non-negative fraction, to compute scores exactly before rounding. */
    public record Fraction(BigInteger numerator, BigInteger denominator) {

        Fraction plus(Fraction other) {
            return new Fraction(
                    numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                    denominator.multiply(other.denominator));
        }

        Fraction dividedBy(long count) {
            return new Fraction(numerator, denominator.multiply(BigInteger.valueOf(count)));
        }

        /** Rounded half-up to one decimal. */
        BigDecimal roundedToTenths() {
            BigInteger[] tenths = numerator.multiply(BigInteger.TEN).divideAndRemainder(denominator);
            BigInteger rounded =
                    tenths[1].shiftLeft(1).compareTo(denominator) >= 0 ? tenths[0].add(BigInteger.ONE) : tenths[0];
            return new BigDecimal(rounded, 1);
        }
    }

    /** A requirement's score: {@code 100 * PASS / (PASS + FAIL)}, NO_DATA without either. */
    static Score of(String requirement, long pass, long fail, long exception, long pending, Policy policy) {
        if (pass + fail == 0) {
            return new Score(requirement, pass, fail, exception, pending, null, "NO_DATA", null);
        }
        Fraction exact = new Fraction(BigInteger.valueOf(100 * pass), BigInteger.valueOf(pass + fail));
        BigDecimal rounded = exact.roundedToTenths();
        return new Score(requirement, pass, fail, exception, pending, rounded, rating(rounded, policy), exact);
    }

    /**
     * The overall score: the plain mean of the unrounded requirement scores that have data, rounded
     * and rated the same way; its counts are the sums of the requirements' counts.
     */
    static Score overall(List<Score> requirements, Policy policy) {
        List<Score> withData =
                requirements.stream().filter(s -> s.exact() != null).toList();
        long pass = requirements.stream().mapToLong(Score::pass).sum();
        long fail = requirements.stream().mapToLong(Score::fail).sum();
        long exception = requirements.stream().mapToLong(Score::exception).sum();
        long pending = requirements.stream().mapToLong(Score::pending).sum();
        if (withData.isEmpty()) {
            return new Score(Requirement.OVERALL, pass, fail, exception, pending, null, "NO_DATA", null);
        }
        Fraction mean = withData.stream()
                .map(Score::exact)
                .reduce(Fraction::plus)
                .orElseThrow()
                .dividedBy(withData.size());
        BigDecimal rounded = mean.roundedToTenths();
        return new Score(Requirement.OVERALL, pass, fail, exception, pending, rounded, rating(rounded, policy), mean);
    }

    private static String rating(BigDecimal rounded, Policy policy) {
        if (rounded.compareTo(policy.ratingGreen()) >= 0) {
            return "GREEN";
        }
        return rounded.compareTo(policy.ratingAmber()) >= 0 ? "AMBER" : "RED";
    }
}
