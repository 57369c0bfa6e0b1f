package kr.compliance.pack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkbookTextTests {

    final WorkbookText english = new WorkbookText(new PackLabels("en"));

    @Test
    void ordinaryTextIsWrittenAsItIs() {
        String text = "파일 삭제\t\r\n😀 CHG-1";
        assertThat(english.of(text, "changes.csv")).isSameAs(text);
        assertThat(english.of("=1+1", "changes.csv")).isEqualTo("'=1+1");
        String full = "a".repeat(WorkbookText.EXCEL_MAX_CHARS);
        assertThat(english.of(full, "changes.csv")).isSameAs(full);
    }

    @Test
    void controlCharactersAreShownEscaped() {
        assertThat(english.of("a\u0000b\u001Bc\u007Fd\u0085e\uFFFFf\uD800g", "x.csv"))
                .isEqualTo("a\\u0000b\\u001Bc\\u007Fd\\u0085e\\uFFFFf\\uD800g");
    }

    @Test
    void aTextTooLongForACellEndsWithAMarkerAndNeverCutsACharacterOrAnEscape() {
        String marker = "… [shortened: 32,768 characters; the whole value is in incidents.csv]";
        String cell = english.of("a".repeat(WorkbookText.EXCEL_MAX_CHARS + 1), "incidents.csv");
        assertThat(cell).hasSize(WorkbookText.EXCEL_MAX_CHARS).endsWith(marker);

        int room = WorkbookText.EXCEL_MAX_CHARS - marker.length();
        // the same length of marker: 72,xxx characters as 32,768
        String pairAcrossTheCut = "a".repeat(room - 1) + "😀" + "a".repeat(40_000);
        assertThat(english.of(pairAcrossTheCut, "incidents.csv").substring(room - 1, room + 1))
                .isEqualTo("… ");
        String escapeAcrossTheCut = "a".repeat(room - 3) + "\u0000" + "a".repeat(40_000);
        assertThat(english.of(escapeAcrossTheCut, "incidents.csv").substring(room - 3, room - 1))
                .isEqualTo("… ");

        assertThat(new WorkbookText(new PackLabels("ko")).of("가".repeat(40_000), null))
                .endsWith("… [줄임: 전체 40,000자]")
                .hasSize(WorkbookText.EXCEL_MAX_CHARS);
    }
}
