package kr.compliance.scoring.policy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a policy file and refuses it whole, before a run writes anything, when it does not parse,
 * misses a key, has a key the controls do not know, or a value out of range.
 */
public final class PolicyFile {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([dhms])");
    private static final List<String> KEYS = List.of(
            "version",
            "r1.types",
            "r1.max-test-age",
            "r1.min-parity",
            "r2.major.scales",
            "r2.major.types",
            "r2.emergency-approval-grace",
            "r2.freeze-severities",
            "r2.freeze-until",
            "r3.review-max-age",
            "r3.required-roles",
            "r3.commander-severities",
            "r3.commander-within",
            "r4.detect-within",
            "r5.severities",
            "r5.publish-within",
            "r6.min-affected-pct",
            "r6.notify-within",
            "r6.multi-channel-within",
            "r6.min-channels",
            "r6.required-channels",
            "r6.resolved-within",
            "rating.green",
            "rating.amber");

    private final String source;
    private final Map<String, Object> values;

    private PolicyFile(String source, Map<String, Object> values) {
        this.source = source;
        this.values = values;
    }

    /** Reads and checks the policy in {@code resource}. */
    public static Policy read(Resource resource) {
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException(
                    "cannot read the policy file " + resource.getDescription() + ": " + e.getMessage());
        }
        return parse(text, resource.getDescription());
    }

    public static Policy parse(String text, String source) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new PolicyException("the policy " + source + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new PolicyException("the policy " + source + " must be a YAML mapping of keys to values");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        List<String> unknown =
                flat.keySet().stream().filter(key -> !KEYS.contains(key)).toList();
        if (!unknown.isEmpty()) {
            throw new PolicyException("the policy " + source + " has unknown key(s): " + String.join(", ", unknown));
        }
        List<String> missing =
                KEYS.stream().filter(key -> !flat.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            throw new PolicyException("the policy " + source + " misses key(s): " + String.join(", ", missing));
        }
        PolicyFile file = new PolicyFile(source, flat);
        Policy policy = new Policy(
                file.text("version"),
                sha256(text),
                text,
                file.names("r1.types"),
                file.duration("r1.max-test-age"),
                file.decimal("r1.min-parity", BigDecimal.ZERO, BigDecimal.ONE),
                file.names("r2.major.scales"),
                file.names("r2.major.types"),
                file.duration("r2.emergency-approval-grace"),
                file.names("r2.freeze-severities"),
                file.freezeUntil(),
                file.duration("r3.review-max-age"),
                file.names("r3.required-roles"),
                file.names("r3.commander-severities"),
                file.duration("r3.commander-within"),
                file.duration("r4.detect-within"),
                file.names("r5.severities"),
                file.duration("r5.publish-within"),
                file.decimal("r6.min-affected-pct", BigDecimal.ZERO, BigDecimal.valueOf(100)),
                file.duration("r6.notify-within"),
                file.duration("r6.multi-channel-within"),
                file.count("r6.min-channels"),
                file.names("r6.required-channels"),
                file.duration("r6.resolved-within"),
                file.decimal("rating.green", BigDecimal.ZERO, BigDecimal.valueOf(100)),
                file.decimal("rating.amber", BigDecimal.ZERO, BigDecimal.valueOf(100)));
        if (policy.ratingAmber().compareTo(policy.ratingGreen()) > 0) {
            throw new PolicyException("the policy " + source + ": rating.amber must not exceed rating.green");
        }
        return policy;
    }

    /**
     * The keys whose values differ between two policy texts (a key one of them lacks included), in
     * the order of the policy's keys: what a policy change changed.
     */
    public static List<String> differingKeys(String before, String after) {
        Map<String, Object> a = flat(before);
        Map<String, Object> b = flat(after);
        return KEYS.stream()
                .filter(key -> !java.util.Objects.equals(String.valueOf(a.get(key)), String.valueOf(b.get(key))))
                .toList();
    }

    private static Map<String, Object> flat(String text) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (new Yaml(new SafeConstructor(new LoaderOptions())).load(text) instanceof Map<?, ?> root) {
            flatten("", root, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else {
                into.put(key, entry.getValue());
            }
        }
    }

    private PolicyException bad(String key, String expected) {
        return new PolicyException(
                "the policy " + source + ": " + key + " must be " + expected + ", not '" + values.get(key) + "'");
    }

    private String text(String key) {
        Object value = values.get(key);
        if (value == null || value.toString().isBlank()) {
            throw bad(key, "a non-blank text");
        }
        return value.toString().strip();
    }

    private Set<String> names(String key) {
        if (!(values.get(key) instanceof List<?> list)) {
            throw bad(key, "a list like [A, B]");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : list) {
            if (item == null || item.toString().isBlank()) {
                throw bad(key, "a list of non-blank names");
            }
            names.add(item.toString().strip().toUpperCase(Locale.ROOT));
        }
        return Set.copyOf(names);
    }

    private Duration duration(String key) {
        String text = String.valueOf(values.get(key)).strip();
        Matcher shorthand = SHORT_DURATION.matcher(text);
        try {
            Duration duration;
            if (shorthand.matches()) {
                long amount = Long.parseLong(shorthand.group(1));
                duration = switch (shorthand.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                duration = Duration.parse(text);
            }
            if (duration.isNegative()) {
                throw bad(key, "a duration >= 0");
            }
            return duration;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw bad(key, "a duration like 30d, 24h, 15m or PT24H");
        }
    }

    private BigDecimal decimal(String key, BigDecimal min, BigDecimal max) {
        try {
            BigDecimal value = new BigDecimal(String.valueOf(values.get(key)).strip());
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw bad(key, "a number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(key, "a number");
        }
    }

    private int count(String key) {
        if (!(values.get(key) instanceof Integer value) || value < 0) {
            throw bad(key, "a whole number >= 0");
        }
        return value;
    }

    private Policy.FreezeUntil freezeUntil() {
        try {
            return Policy.FreezeUntil.valueOf(text("r2.freeze-until").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("r2.freeze-until", "CLOSED_OR_RESOLVED or CLOSED");
        }
    }

    private static String sha256(String text) {
        return DigestUtils.sha256Hex(text);
    }

    /** A policy that cannot be used; nothing was written. */
    public static final class PolicyException extends RuntimeException {
        PolicyException(String message) {
            super(message);
        }
    }
}
