package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PackValuesTests {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Test
    void textThatASpreadsheetWouldRunGetsALeadingQuote() {
        for (String risky : new String[] {"=1+1", "+82-10", "-5", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(PackValues.safeText(risky)).isEqualTo("'" + risky);
        }
        assertThat(PackValues.safeText("CHG-1")).isEqualTo("CHG-1");
        assertThat(PackValues.safeText("'quoted")).isEqualTo("'quoted");
        assertThat(PackValues.safeText("")).isEmpty();
    }

    @Test
    void numbersAndTimestampsAreNeverEscaped() {
        assertThat(PackValues.csv(-5L, SEOUL)).isEqualTo("-5");
        assertThat(PackValues.csv(new BigDecimal("-0.500000000000"), SEOUL)).isEqualTo("-0.5");
        assertThat(PackValues.csv(new BigDecimal("0E-12"), SEOUL)).isEqualTo("0");
        assertThat(PackValues.csv(Instant.parse("2026-07-20T01:02:03Z"), SEOUL)).isEqualTo("2026-07-20T10:02:03+09:00");
        assertThat(PackValues.csv(null, SEOUL)).isEmpty();
        assertThat(PackValues.csv(Boolean.TRUE, SEOUL)).isEqualTo("true");
    }
}
