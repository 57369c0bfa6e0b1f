package kr.compliance.scoring.controls;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why a rule decided as it did, in no language: a stable code ({@code R2.3.open-incident}) and
 * named parameters, each a text, a whole number or a list of texts. Ids and numbers are kept as
 * written, instants as the report-zone text of {@link Judging#time}, durations as ISO-8601
 * ({@code PT5M}), so each language words them ({@link ReasonText}). Stored as the finding's
 * {@code reason_code} and {@code reason_params} (a JSON object, {@link #paramsJson()}).
 */
public record Reason(String code, Map<String, Object> params) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMS = new TypeReference<>() {};

    public Reason {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Reason of(String code) {
        return new Reason(code, Map.of());
    }

    public Reason with(String name, String value) {
        return put(name, value);
    }

    public Reason with(String name, long number) {
        return put(name, number);
    }

    public Reason with(String name, Duration duration) {
        return put(name, duration.toString());
    }

    public Reason with(String name, List<String> values) {
        return put(name, List.copyOf(values));
    }

    /** The same parameters under {@code code}: for a rule that knows its facts before its outcome. */
    public Reason as(String code) {
        return new Reason(code, params);
    }

    private Reason put(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(params);
        more.put(name, value);
        return new Reason(code, more);
    }

    /** The parameters as one JSON object, in the order the rule gave them. */
    public String paramsJson() {
        return JSON.writeValueAsString(params);
    }

    /** A stored reason: its code and the JSON object of {@link #paramsJson()}. */
    public static Reason parse(String code, String paramsJson) {
        try {
            return new Reason(code, JSON.readValue(paramsJson, PARAMS));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "the parameters of reason " + code + " are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
