package kr.compliance.serve;

import java.util.List;

/** A page of findings: {@code page} counts from 1, {@code size} is the size actually used. */
public record FindingPage(List<FindingRow> items, long total, int page, int size) {}
