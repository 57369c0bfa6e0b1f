package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SheetNameTests {

    @Test
    void charactersExcelRefusesBecomeSpaces() {
        assertThat(SheetSeries.allowed("R1 a/b:c*d?[e]")).isEqualTo("R1 a b c d  e");
    }

    @Test
    void aNameThatFitsStaysWhole() {
        assertThat(SheetSeries.fit("R2 Work management control", 31)).isEqualTo("R2 Work management control");
        assertThat(SheetSeries.fit("R2 Work management control", 26)).isEqualTo("R2 Work management control");
    }

    @Test
    void aLongNameLosesWholeWordsNeverHalfOfOne() {
        assertThat(SheetSeries.fit("R2 Work management control", 25)).isEqualTo("R2 Work management…");
        assertThat(SheetSeries.fit("R3 Disaster and incident manuals", 31)).isEqualTo("R3 Disaster and incident…");
        assertThat(SheetSeries.fit("R3 재난·장애 매뉴얼·지침", 12)).isEqualTo("R3 재난·장애…");
    }

    @Test
    void aNameNeverEndsOnWhatJoinedTheWordLeftOut() {
        assertThat(SheetSeries.fit("R9 Tests & checks", 12)).isEqualTo("R9 Tests…");
    }

    @Test
    void onlyASingleWordLongerThanTheLimitIsCut() {
        assertThat(SheetSeries.fit("Abcdefghijklmnopqrstuvwxyz0123456789", 31)).hasSize(31);
    }
}
