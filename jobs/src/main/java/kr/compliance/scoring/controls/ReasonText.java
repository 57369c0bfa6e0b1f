package kr.compliance.scoring.controls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kr.compliance.store.MessageFile;

/**
 * Reasons worded in English or Korean, from the templates of {@code scoring/reasons_<lang>.properties}
 * (one per reason code, docs/controls.md). A template names its parameters in braces:
 * {@code {test}} as written (a list joined by commas), {@code {within,duration}} worded in the
 * language ({@code 5 min}, {@code 5분}), {@code {severities,slashes}} a list joined by {@code /},
 * {@code {gaps,phrases}} and {@code {problems,and-phrases}} a list of phrase names, each worded by
 * the template {@code <control>.phrase.<name>} and joined by commas or by the language's
 * {@code list.and}.
 */
public final class ReasonText {

    public static final List<String> LANGUAGES = List.of("en", "ko");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?:,([\\w-]+))?}");
    /** Per language, each template split once into its text and placeholders: millions of findings are worded. */
    private static final Map<String, Map<String, Template>> TEMPLATES = LANGUAGES.stream()
            .collect(Collectors.toUnmodifiableMap(
                    lang -> lang, lang -> split(MessageFile.load("scoring/reasons", lang))));

    /** A template: text between placeholders, and the placeholders (a name and an optional format). */
    private record Template(List<String> texts, List<String> names, List<String> formats) {}

    private ReasonText() {}

    /** The reason as the English text stored in {@code finding.reason}. */
    public static String english(Reason reason) {
        return of(reason, "en");
    }

    /** The reason in {@code en} or {@code ko}; a code or parameter without a template fails. */
    public static String of(Reason reason, String lang) {
        return fill(template(lang, reason.code()), reason, lang);
    }

    /** What follows the reason of a failure that an approved exception covers (status EXCEPTION). */
    public static String coveredBy(String exceptionId, String lang) {
        return of(Reason.of("covered-by-exception").with("exception", exceptionId), lang);
    }

    /** The reason codes and phrase names that have a template in {@code lang}. */
    public static Set<String> templateKeys(String lang) {
        return templates(lang).keySet();
    }

    /**
     * A duration exactly, in the units the policy speaks: whole days as days ({@code 7 days},
     * {@code 7일}), under two hours in minutes ({@code 60 min}, {@code 5 min 1 s}), else
     * {@code 426 days 8 h 6 min}.
     */
    public static String duration(Duration duration, String lang) {
        if (duration.isNegative()) {
            return "-" + duration(duration.negated(), lang);
        }
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0 && seconds > 0) {
            return unit(lang, "days", seconds / 86_400);
        }
        List<String> parts = new ArrayList<>();
        if (seconds < 7_200) {
            parts.add(unit(lang, "minutes", seconds / 60));
            if (seconds % 60 != 0) {
                parts.add(unit(lang, "seconds", seconds % 60));
            }
            return String.join(" ", parts);
        }
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60};
        String[] units = {"days", "hours", "minutes", "seconds"};
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                parts.add(unit(lang, units[i], amounts[i]));
            }
        }
        return String.join(" ", parts);
    }

    private static String unit(String lang, String unit, long count) {
        String key = "duration." + (count == 1 ? unit.substring(0, unit.length() - 1) : unit);
        return fill(template(lang, key), Reason.of(key).with("count", count), lang);
    }

    private static Map<String, Template> split(Properties file) {
        Map<String, Template> templates = new HashMap<>();
        for (String key : file.stringPropertyNames()) {
            List<String> texts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> formats = new ArrayList<>();
            String template = file.getProperty(key);
            Matcher placeholder = PLACEHOLDER.matcher(template);
            int end = 0;
            while (placeholder.find()) {
                texts.add(template.substring(end, placeholder.start()));
                names.add(placeholder.group(1));
                formats.add(placeholder.group(2));
                end = placeholder.end();
            }
            texts.add(template.substring(end));
            templates.put(key, new Template(texts, names, formats));
        }
        return Map.copyOf(templates);
    }

    private static String fill(Template template, Reason reason, String lang) {
        StringBuilder text = new StringBuilder(template.texts().getFirst());
        for (int i = 0; i < template.names().size(); i++) {
            text.append(value(
                            reason, template.names().get(i), template.formats().get(i), lang))
                    .append(template.texts().get(i + 1));
        }
        return text.toString();
    }

    private static String value(Reason reason, String name, String format, String lang) {
        if (!reason.params().containsKey(name)) {
            throw new IllegalStateException("the " + lang + " template of reason " + reason.code()
                    + " names a parameter '" + name + "' the reason does not have");
        }
        Object value = reason.params().get(name);
        if (format == null && !(value instanceof List<?>)) {
            return String.valueOf(value);
        }
        List<String> values = value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
        if (format == null) {
            return String.join(", ", values);
        }
        return switch (format) {
            case "duration" -> duration(Duration.parse(values.getFirst()), lang);
            case "slashes" -> String.join("/", values);
            case "phrases" -> String.join(", ", phrases(reason, values, lang));
            case "and-phrases" ->
                String.join(fill(template(lang, "list.and"), reason, lang), phrases(reason, values, lang));
            default ->
                throw new IllegalStateException("the " + lang + " template of reason " + reason.code()
                        + " has an unknown format '" + format + "'");
        };
    }

    private static List<String> phrases(Reason reason, List<String> names, String lang) {
        return names.stream()
                .map(name -> fill(template(lang, controlOf(reason.code()) + ".phrase." + name), reason, lang))
                .toList();
    }

    /** {@code R5.2} of {@code R5.2.incomplete}: phrases belong to the control, shared by its codes. */
    private static String controlOf(String code) {
        return code.substring(0, code.indexOf('.', code.indexOf('.') + 1));
    }

    private static Template template(String lang, String key) {
        Template template = templates(lang).get(key);
        if (template == null) {
            throw new IllegalStateException("no template '" + key + "' in scoring/reasons_" + lang + ".properties");
        }
        return template;
    }

    private static Map<String, Template> templates(String lang) {
        Map<String, Template> templates = TEMPLATES.get(lang);
        if (templates == null) {
            throw new IllegalArgumentException("reasons are worded in en or ko, not '" + lang + "'");
        }
        return templates;
    }
}
