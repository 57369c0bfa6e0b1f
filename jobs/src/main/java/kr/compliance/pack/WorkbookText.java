package kr.compliance.pack;

import java.util.HexFormat;

/**
 * The text of a workbook cell for a text of the store, the one way every text cell is written.
 * Excel holds at most 32,767 characters in a cell and cannot show control characters (POI would
 * write {@code ?}), while the CSV entries keep every value whole and as stored. So the cell shows
 * control characters other than tab, CR and LF as a backslash, {@code u} and the character's four
 * hexadecimal digits (NUL as six characters: backslash, u, 0000), and a text too long for a cell is
 * cut and ends with a marker, in the pack's language, that says how long the value is and which
 * entry of the pack holds it whole. Ordinary text is written unchanged.
 */
final class WorkbookText {

    /** Excel's limit of characters in a cell. */
    static final int EXCEL_MAX_CHARS = 32_767;

    /** A backslash, u and four hexadecimal digits. */
    private static final int ESCAPE_LENGTH = 6;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final PackLabels labels;

    WorkbookText(PackLabels labels) {
        this.labels = labels;
    }

    /**
     * The cell text of a stored text: escaped as in the CSVs (a leading {@code '} before a formula),
     * control characters made visible, shortened to fit a cell with a marker naming {@code wholeIn},
     * the pack entry that holds the whole value ({@code null}: the pack's own words, in no entry).
     */
    String of(String text, String wholeIn) {
        String safe = PackValues.safeText(text);
        if (safe.length() <= EXCEL_MAX_CHARS && allShownAsThemselves(safe)) {
            return safe;
        }
        StringBuilder cell = new StringBuilder();
        if (appendVisible(safe, cell, EXCEL_MAX_CHARS) == safe.length()) {
            return cell.toString();
        }
        long characters = text.codePointCount(0, text.length());
        String marker = wholeIn == null
                ? labels.get("cell.shortened", characters)
                : labels.get("cell.shortenedWholeIn", characters, wholeIn);
        cell.setLength(0);
        appendVisible(safe, cell, EXCEL_MAX_CHARS - marker.length());
        return cell.append(marker).toString();
    }

    private static boolean allShownAsThemselves(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (pairAt(text, i)) {
                i++;
            } else if (!shownAsItself(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends {@code text}, each character shown as itself or escaped, as long as the whole
     * character fits in {@code max} characters (a pair or an escape is never cut); returns where
     * in {@code text} it stopped.
     */
    private static int appendVisible(String text, StringBuilder out, int max) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (pairAt(text, i)) {
                if (out.length() + 2 > max) {
                    break;
                }
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (shownAsItself(c)) {
                if (out.length() + 1 > max) {
                    break;
                }
                out.append(c);
                i++;
            } else {
                if (out.length() + ESCAPE_LENGTH > max) {
                    break;
                }
                out.append("\\u").append(HEX.toHexDigits(c));
                i++;
            }
        }
        return i;
    }

    private static boolean pairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /**
     * Tab, CR and LF are text; other control characters (C0, DEL, C1) and the non-characters
     * U+FFFE and U+FFFF cannot be shown or stored in the sheet's XML; a surrogate not in a pair
     * neither.
     */
    private static boolean shownAsItself(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        return !Character.isISOControl(c) && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }
}
