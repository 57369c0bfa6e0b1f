package kr.compliance.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body posted to a webhook, in Slack's incoming-webhook form: {@code text} (the summary every
 * receiver shows) and {@code blocks}, one section per control naming its newly failing subjects.
 */
final class SlackMessage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackMessage() {}

    static String of(String period, NewFailures failures, int listedPerControl) {
        StringBuilder summary = new StringBuilder()
                .append(period)
                .append(": ")
                .append(failures.total())
                .append(failures.total() == 1 ? " finding newly FAIL" : " findings newly FAIL");
        List<Object> blocks = new ArrayList<>();
        blocks.add(section("*" + summary + "* (scoring run " + failures.runId()
                + (failures.previousRunId() == null
                        ? ", the period's first run)"
                        : ", compared with run " + failures.previousRunId() + ")")));
        List<String> perControl = new ArrayList<>();
        for (NewFailures.Control control : failures.controls()) {
            perControl.add(control.controlId() + " " + control.count());
            StringBuilder text = new StringBuilder("*" + control.controlId() + "*: " + control.count() + " new");
            for (NewFailures.Finding finding : control.listed()) {
                text.append("\n• ")
                        .append(finding.subjectType())
                        .append(' ')
                        .append(finding.subjectId())
                        .append(": ")
                        .append(finding.reason());
            }
            long unlisted = control.count() - control.listed().size();
            if (unlisted > 0) {
                text.append("\n… and ")
                        .append(unlisted)
                        .append(" more: GET /api/periods/")
                        .append(period)
                        .append("/findings?control=")
                        .append(control.controlId())
                        .append("&status=FAIL");
            }
            blocks.add(section(text.toString()));
        }
        summary.append(" (").append(String.join(", ", perControl)).append(')');
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", summary.toString());
        body.put("blocks", blocks);
        return JSON.writeValueAsString(body);
    }

    private static Map<String, Object> section(String markdown) {
        // Slack refuses a section text over 3000 characters
        String text = markdown.length() <= 3000 ? markdown : markdown.substring(0, 2999) + "…";
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text));
    }
}
