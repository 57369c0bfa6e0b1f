package kr.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTests {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-07-01T09:00",
                "2026-07-01T09:00:05",
                "2026-07-01T09:00:05.1",
                "2026-07-01T09:00:05.123456789",
                "2026-07-01T09:00Z",
                "2026-07-01T09:00:05+09:00",
                "2026-07-01T09:00:05.5-03:30",
                "2026-07-01T09:00:05-00:00",
                "2026-07-01T09:00:05+18:00",
                "  2026-07-01T09:00:05Z  ",
                "2024-02-29T23:59:59.999Z",
                "0000-01-01T00:00",
                "9999-12-31T23:59:59+09:00",
                "2026-03-29T02:30", // a local time that some zones skip; Seoul has no daylight saving
            })
    void readsEveryFormTheSpecAllowsAsJavaTimeDoes(String text) {
        assertThat(Timestamps.parse(text, SEOUL)).isEqualTo(reference(text, SEOUL));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-07-01",
                "2026-07-01 09:00",
                "2026-07-01T9:00",
                "2026-07-01T09",
                "2026-07-01T09:00:05.",
                "2026-07-01T09:00:05.1234567891",
                "2026-07-01T09:00+0900",
                "2026-07-01T09:00+09",
                "2026-07-01T09:00z",
                "2026-07-01T09:00:05Zx",
                "26-07-01T09:00",
                "2026-07-01T09:00.5",
                "２０２６-07-01T09:00",
                "",
                "yesterday",
            })
    void refusesAnythingElseNamingTheForm(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text, SEOUL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a timestamp (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-01T09:00",
                "2026-02-30T09:00",
                "2025-02-29T09:00",
                "2026-07-01T24:00",
                "2026-07-01T09:60",
                "2026-07-01T09:00:60",
                "2026-07-01T09:00+18:01",
                "2026-07-01T09:00-19:00",
                "2026-07-01T09:00+09:60",
            })
    void refusesImpossibleValuesAsNotValid(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text, SEOUL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a valid date and time");
    }

    @Test
    void agreesWithJavaTimeOnRandomTimestamps() {
        Random random = new Random(7);
        ZoneId newYork = ZoneId.of("America/New_York");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(String.format(
                    "%04d-%02d-%02dT%02d:%02d",
                    1900 + random.nextInt(300),
                    1 + random.nextInt(12),
                    1 + random.nextInt(28),
                    random.nextInt(24),
                    random.nextInt(60)));
            if (random.nextBoolean()) {
                text.append(String.format(":%02d", random.nextInt(60)));
                if (random.nextBoolean()) {
                    text.append('.')
                            .append(String.format("%09d", random.nextInt(1_000_000_000)), 0, 1 + random.nextInt(9));
                }
            }
            switch (random.nextInt(3)) {
                case 0 -> text.append('Z');
                case 1 ->
                    text.append(String.format(
                            "%s%02d:%02d",
                            random.nextBoolean() ? "+" : "-", random.nextInt(15), random.nextInt(4) * 15));
                default -> {} // in the source zone, across daylight-saving changes
            }
            String value = text.toString();
            assertThat(Timestamps.parse(value, newYork)).as(value).isEqualTo(reference(value, newYork));
        }
    }

    @Test
    void writesInstantsExactlyAsInstantToStringDoesForEveryFraction() {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L), nano);
            assertThat(Timestamps.isoText(instant)).isEqualTo(instant.toString());
        }
        Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(Timestamps.isoText(farFuture)).isEqualTo(farFuture.toString());
        assertThat(Timestamps.isoText(Instant.parse("2026-07-01T00:00:00Z"))).isEqualTo("2026-07-01T00:00:00Z");
    }

    /** What the system did before reading by position: a regular expression and java.time's ISO parsers. */
    private static Instant reference(String text, ZoneId zone) {
        String value = text.strip();
        if (!Pattern.matches(
                "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?", value)) {
            throw new IllegalArgumentException("not a timestamp");
        }
        try {
            return Pattern.matches(".*(Z|[+-]\\d{2}:\\d{2})$", value)
                    ? OffsetDateTime.parse(value).toInstant()
                    : LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not valid");
        }
    }
}
