package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The words of a pack in one language, from {@code pack/messages_<lang>.properties} (UTF-8):
 * Korean by default, English with {@code --lang en}. Loaded by name, never by the machine's
 * locale, so the same language gives the same pack everywhere.
 */
final class PackLabels {

    static final Set<String> LANGUAGES = Set.of("ko", "en");

    private final String lang;
    private final Properties messages = new Properties();

    PackLabels(String lang) {
        if (lang == null || !LANGUAGES.contains(lang)) {
            throw new PackException("the pack language is ko or en, not '" + lang + "'");
        }
        this.lang = lang;
        String resource = "pack/messages_" + lang + ".properties";
        try (InputStream in = PackLabels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new PackException("the message file " + resource + " is missing from the build");
            }
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String lang() {
        return lang;
    }

    String get(String key, Object... arguments) {
        String pattern = messages.getProperty(key);
        if (pattern == null) {
            throw new PackException("the message '" + key + "' is missing from messages_" + lang + ".properties");
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(arguments);
    }
}
