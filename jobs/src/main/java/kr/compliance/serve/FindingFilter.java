package kr.compliance.serve;

import static kr.compliance.store.jooq.Tables.FINDING;

import kr.compliance.store.TextKeys;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The filters of the findings list; an empty filter matches everything. Control and status are
 * compared case-insensitively, the subject id exactly (trimmed).
 */
public record FindingFilter(String control, String status, String subject) {

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
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
