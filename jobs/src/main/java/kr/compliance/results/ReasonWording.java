package kr.compliance.results;

import com.fasterxml.jackson.annotation.JsonValue;
import kr.compliance.scoring.controls.Reason;
import kr.compliance.scoring.controls.ReasonText;

/**
 * A finding's reason as stored: the English text, and the code and parameters (a JSON object) from
 * which it is worded in any language; a finding stored before reasons had codes has neither, and
 * its text is its reason in every language. In JSON it is the English text.
 *
 * @param exceptionId the approved exception that covers the failure, else null
 */
public record ReasonWording(String text, String code, String params, String exceptionId) {

    /** The reason in {@code ko} or {@code en}, with the exception that covers it, if one does. */
    public String in(String lang) {
        if (code == null) {
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
