package kr.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoadDataTextTests {

    @Test
    void escapesWhatLoadDataWouldReadAsStructureAndKeepsKoreanAsUtf8() throws IOException {
        LoadDataText text = new LoadDataText(8)
                .text("a\tb\nc\rd\\e\0f")
                .text("서버 점검 #1")
                .text(null)
                .endRow();

        assertThat(read(text)).isEqualTo("a\\tb\\nc\\rd\\\\e\\0f\t서버 점검 #1\t\\N\n");
    }

    @Test
    void writesValuesInTheFormTheColumnsRead() throws IOException {
        LoadDataText text = new LoadDataText(8)
                .value(42L)
                .value(Boolean.TRUE)
                .value(Boolean.FALSE)
                .value(new BigDecimal("1E-3"))
                .value(null)
                .value(Instant.parse("2026-07-01T00:00:05.123456789Z"))
                .endRow()
                .value("second row")
                .endRow();

        assertThat(read(text)).isEqualTo("42\t1\t0\t0.001\t\\N\t2026-07-01 00:00:05.123456\nsecond row\n");
        assertThat(text.rows()).isEqualTo(2);
    }

    @Test
    void writesInstantsAsTheFormatterDidInUtcToTheMicrosecondLeavingOutAZeroFraction() throws IOException {
        DateTimeFormatter datetime =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    i % 2 == 0 ? 0 : random.nextInt(1_000_000_000));
            LoadDataText text = new LoadDataText(8).instant(instant).endRow();
            assertThat(read(text))
                    .as(instant.toString())
                    .isEqualTo(datetime.format(instant).replace(".000000", "") + "\n");
        }
    }

    @Test
    void aClearedBufferStartsANewRowSet() throws IOException {
        LoadDataText text = new LoadDataText(4).text("first").endRow();
        text.clear();
        text.text("x").text("y");

        assertThat(new String(text.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("x\ty");
        assertThat(text.rows()).isZero();
    }

    private static String read(LoadDataText text) throws IOException {
        return new String(text.stream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
