package kr.compliance.results;

import java.math.BigDecimal;

/**
 * Where the ratings of a run's scores begin (its policy's {@code rating.green} and
 * {@code rating.amber}): a score from {@code green} is GREEN, from {@code amber} AMBER, else RED.
 */
public record RatingBounds(BigDecimal green, BigDecimal amber) {}
