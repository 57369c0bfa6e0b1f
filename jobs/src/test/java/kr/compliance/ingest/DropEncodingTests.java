package kr.compliance.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DropEncodingTests {

    /**
     * Korean text as a Korean Windows export writes it, in Microsoft's code page 949: "똠" and "햏"
     * are among the syllables only Microsoft's code page has, which IBM's 949 refuses.
     */
    private static final String KOREAN = "똠방각하 햏 데이터센터 장애 대응";

    private static final byte[] KOREAN_WINDOWS_TEXT = KOREAN.getBytes(Charset.forName("x-windows-949"));

    @ParameterizedTest
    @ValueSource(strings = {"CP949", "cp949", "Cp949", "MS949", "ms949", "windows-949", "WINDOWS-949", " CP949 "})
    void everyNameOfTheKoreanWindowsCodePageIsMicrosofts(String name) {
        Charset charset = DropEncoding.resolve(name);

        assertThat(charset.name()).isEqualTo("x-windows-949");
        assertThat(new String(KOREAN_WINDOWS_TEXT, charset)).isEqualTo(KOREAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "utf-8", "EUC-KR", "ISO-8859-1"})
    void otherNamesAreJavasCharsetOfThatName(String name) {
        assertThat(DropEncoding.resolve(name)).isEqualTo(Charset.forName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KLINGON-1", "not a charset", ""})
    void anUnknownNameIsRefusedInOneLineThatSaysWhatToName(String name) {
        assertThatThrownBy(() -> DropEncoding.resolve(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown encoding '" + name
                        + "': name a charset such as UTF-8, CP949 (Korean Windows) or EUC-KR");
    }
}
