package kr.compliance.results;

import static kr.compliance.store.jooq.Tables.FINDING;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import kr.compliance.scoring.Controls;
import kr.compliance.scoring.controls.Status;
import kr.compliance.store.TextKeys;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Which findings of a run to read; an empty filter matches all. Control and status are compared
 * case-insensitively, the subject id exactly (trimmed).
 */
public record FindingFilter(String control, String status, String subject) {

    public static final FindingFilter ALL = new FindingFilter(null, null, null);

    /**
     * A control or status no finding can have is refused with the values there are: an empty
     * answer would read as "no failures".
     */
    public FindingFilter {
        if (!TextKeys.isBlank(control) && !Controls.ids().contains(TextKeys.key(control))) {
            throw new UnknownFilterException(
                    "control '" + control.strip() + "' is none of " + String.join(", ", Controls.ids()));
        }
        List<String> statuses = Arrays.stream(Status.values()).map(Status::name).toList();
        if (!TextKeys.isBlank(status) && !statuses.contains(TextKeys.key(status))) {
            throw new UnknownFilterException(
                    "status '" + status.strip() + "' is none of " + String.join(", ", statuses));
        }
    }

    /** A filter value that no finding can have. */
    public static final class UnknownFilterException extends IllegalArgumentException {
        UnknownFilterException(String message) {
            super(message);
        }
    }

    Condition condition() {
        Condition condition = DSL.noCondition();
        if (!TextKeys.isBlank(control)) {
            condition = condition.and(FINDING.CONTROL_ID.eq(TextKeys.key(control)));
        }
        if (!TextKeys.isBlank(status)) {
            condition = condition.and(FINDING.STATUS.eq(TextKeys.key(status)));
        }
        if (!TextKeys.isBlank(subject)) {
            condition = condition.and(FINDING.SUBJECT_ID.eq(TextKeys.id(subject)));
        }
        return condition;
    }

    /** The filter as query parameters, for links that keep it. */
    public String query() {
        return "control=" + encode(control) + "&status=" + encode(status) + "&subject=" + encode(subject);
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
