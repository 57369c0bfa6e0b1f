package kr.compliance.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The words of one language, from a {@code <name>_<lang>.properties} file (UTF-8) on the class
 * path: loaded by name, never by the machine's locale, so the same language gives the same words
 * everywhere. The pack's labels and the controls' reasons are both kept this way.
 */
public final class MessageFile {

    private MessageFile() {}

    /** Reads {@code <base>_<lang>.properties}; a file missing from the build is an error. */
    public static Properties load(String base, String lang) {
        String resource = base + "_" + lang + ".properties";
        try (InputStream in = MessageFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the message file " + resource + " is missing from the build");
            }
            Properties messages = new Properties();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
