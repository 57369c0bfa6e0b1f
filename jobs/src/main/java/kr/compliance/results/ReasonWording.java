package kr.compliance.results;

import static kr.compliance.store.jooq.Tables.FINDING;

import com.fasterxml.jackson.annotation.JsonValue;
import kr.compliance.scoring.controls.Reason;
import kr.compliance.scoring.controls.ReasonText;

/**
 * A finding's reason as stored: the English text, and the code and parameters (a JSON object) from
 * which it is worded in any language; a finding stored before reasons had codes has neither, and
 * its text is its reason in every language. In JSON it is the English text.
 *
 * <p>In English the stored text is the reason, as the run worded it: the same words the templates
 * give, without parsing and filling them again for every one of a quarter's millions of findings,
 * and the same words even if a later release rewords a template, so a re-made English pack keeps
 * its bytes. Only a text the store clipped to its column ({@link #STORED_LIMIT}) is worded afresh.
 *
 * @param exceptionId the approved exception that covers the failure, else null
 */
public record ReasonWording(String text, String code, String params, String exceptionId) {

    /** The length of {@code finding.reason}: a text this long may have been clipped to fit. */
    private static final int STORED_LIMIT = FINDING.REASON.getDataType().length();

    /** The reason in {@code ko} or {@code en}, with the exception that covers it, if one does. */
    public String in(String lang) {
        if (code == null || (lang.equals("en") && text.length() < STORED_LIMIT)) {
            return text;
        }
        String worded = ReasonText.of(Reason.parse(code, params), lang);
        return exceptionId == null ? worded : worded + ReasonText.coveredBy(exceptionId, lang);
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }
}
