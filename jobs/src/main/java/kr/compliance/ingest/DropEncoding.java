package kr.compliance.ingest;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;

/**
 * The one reading of a drop's encoding name, for the command line ({@code ingest --encoding}) and
 * scheduled ingests ({@code compliance.schedule.encoding}, a job's {@code encoding}) alike, so one
 * name never means two code pages.
 */
public final class DropEncoding {

    /** Microsoft's Korean code page (UHC), which Korean Windows exports are written in. */
    private static final Charset KOREAN_WINDOWS = Charset.forName("x-windows-949");

    /** Java's own "CP949" is IBM's code page, which does not decode those exports. */
    private static final Set<String> KOREAN_WINDOWS_NAMES = Set.of("cp949", "ms949", "windows-949", "x-windows-949");

    private DropEncoding() {}

    /**
     * The charset a user means by {@code name}: CP949, MS949 and windows-949 (in any case) are
     * Microsoft's Korean code page; any other name is Java's charset of that name.
     *
     * @throws IllegalArgumentException when no charset has that name
     */
    public static Charset resolve(String name) {
        String trimmed = name.strip();
        if (KOREAN_WINDOWS_NAMES.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return KOREAN_WINDOWS;
        }
        try {
            return Charset.forName(trimmed);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException(
                    "unknown encoding '" + name + "': name a charset such as UTF-8, CP949 (Korean Windows) or EUC-KR",
                    e);
        }
    }
}
