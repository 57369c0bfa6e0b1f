package kr.compliance.scoring.controls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why a rule decided as it did, in no language: a stable code ({@code R2.3.open-incident}) and
 * named parameters, each a text, a whole number or a list of texts. Ids and numbers are kept as
 * written, instants as the report-zone text of {@link Judging#time}, durations as ISO-8601
 * ({@code PT5M}), so each language words them ({@link ReasonText}). Stored as the finding's
 * {@code reason_code} and {@code reason_params} (a JSON object, {@link #paramsJson()}).
 */
public final class Reason {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Made once: a pack reads the parameters of every finding, and resolving the type each time cost a fifth of it. */
    private static final ObjectReader PARAMS = JSON.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

    private final String code;
    /*
     * A reason is built a parameter at a time for every finding of a quarter (millions), so each
     * `with` adds a link to the reason it extends instead of copying its map; the map is made once,
     * when the reason is worded or stored.
     */
    private final Reason extended;
    private final String name;
    private final Object value;
    private Map<String, Object> params;

    private Reason(String code, Reason extended, String name, Object value, Map<String, Object> params) {
        this.code = code;
        this.extended = extended;
        this.name = name;
        this.value = value;
        this.params = params;
    }

    public static Reason of(String code) {
        return new Reason(code, null, null, null, Map.of());
    }

    public String code() {
        return code;
    }

    /** The parameters by name, in the order the rule gave them. */
    public Map<String, Object> params() {
        if (params == null) {
            List<Reason> links = new ArrayList<>();
            Reason link = this;
            for (; link.params == null; link = link.extended) {
                links.add(link);
            }
            Map<String, Object> all = new LinkedHashMap<>(link.params);
            for (Reason added : links.reversed()) {
                if (added.name != null) {
                    all.put(added.name, added.value);
                }
            }
            params = Collections.unmodifiableMap(all);
        }
        return params;
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
        return new Reason(code, this, null, null, null);
    }

    private Reason put(String name, Object value) {
        return new Reason(code, this, name, value, null);
    }

    /** The parameters as one JSON object, in the order the rule gave them. */
    public String paramsJson() {
        return JSON.writeValueAsString(params());
    }

    /** A stored reason: its code and the JSON object of {@link #paramsJson()}. */
    public static Reason parse(String code, String paramsJson) {
        try {
            Map<String, Object> params = PARAMS.readValue(paramsJson);
            return new Reason(code, null, null, null, Collections.unmodifiableMap(params));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "the parameters of reason " + code + " are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Reason reason && code.equals(reason.code) && params().equals(reason.params());
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, params());
    }

    @Override
    public String toString() {
        return code + params();
    }
}
