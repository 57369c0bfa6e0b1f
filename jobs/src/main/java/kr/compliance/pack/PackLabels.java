package kr.compliance.pack;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import kr.compliance.store.MessageFile;

/**
 * The words of a pack in one language, from {@code pack/messages_<lang>.properties} (UTF-8, read
 * by {@link MessageFile}): Korean by default, English with {@code --lang en}.
 */
final class PackLabels {

    static final Set<String> LANGUAGES = Set.of("ko", "en");

    private final String lang;
    private final Properties messages;

    PackLabels(String lang) {
        if (lang == null || !LANGUAGES.contains(lang)) {
            throw new PackException("the pack language is ko or en, not '" + lang + "'");
        }
        this.lang = lang;
        this.messages = MessageFile.load("pack/messages", lang);
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
