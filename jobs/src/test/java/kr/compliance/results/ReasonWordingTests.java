package kr.compliance.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stored reason in each language: English as the run stored it, Korean worded from its code. */
class ReasonWordingTests {

    private static final String PARAMS = "{\"started\":\"2026-08-01 10:00:00 +09:00\"}";

    @Test
    void englishIsTheTextTheRunStoredEvenWhereATemplateWouldNowWordItOtherwise() {
        ReasonWording stored = new ReasonWording(
                "no approval recorded (as an earlier release worded it)", "R2.1.no-approval", PARAMS, null);

        assertThat(stored.in("en")).isEqualTo("no approval recorded (as an earlier release worded it)");
        assertThat(stored.in("ko")).isEqualTo("승인 기록 없음; 승인 기한: 작업 시작(2026-08-01 10:00:00 +09:00) 전");
    }

    @Test
    void aTextClippedToItsColumnIsWordedAfreshInEnglish() {
        String clipped = "x".repeat(1999) + "…";

        ReasonWording stored = new ReasonWording(clipped, "R2.1.no-approval", PARAMS, "EX-1");

        assertThat(stored.in("en"))
                .isEqualTo("no approval recorded; approval due before start (2026-08-01 10:00:00 +09:00)"
                        + "; covered by exception EX-1");
    }

    @Test
    void aReasonStoredBeforeCodesIsItsTextInEveryLanguage() {
        ReasonWording old = new ReasonWording("approved late", null, null, null);

        assertThat(old.in("ko")).isEqualTo("approved late");
        assertThat(old.in("en")).isEqualTo("approved late");
    }
}
