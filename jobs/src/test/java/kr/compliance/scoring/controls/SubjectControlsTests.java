package kr.compliance.scoring.controls;

import static kr.compliance.scoring.controls.Fixtures.*;
import static kr.compliance.scoring.controls.Status.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R3.2 on runbooks, R5.2 on postmortems, R5.3 on action items. */
class SubjectControlsTests {

    @ParameterizedTest(name = "roles ''{0}'': {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "COMMANDER=SRE;COMMUNICATIONS=PR | PASS",
                " commander = SRE ; Communications = 홍보팀 | PASS",
                "COMMANDER=SRE | FAIL",
                "COMMANDER=SRE;COMMUNICATIONS= | FAIL",
                "COMMANDER=SRE;COMMUNICATIONS=  ;COMMUNICATIONS=PR | PASS",
                "COMMANDER=SRE;COMMUNICATIONS PR | FAIL",
                "COMMANDER=SRE;broken;COMMUNICATIONS=PR | PASS",
                "'' | FAIL"
            })
    void r3_2AssignsEachRequiredRoleToADepartment(String roles, Status expected) {
        RunbookFacts runbook = new RunbookFacts("RB-1", "2", "NETWORK", roles, T0);
        assertThat(status(new R3_2_RunbookRoles().judge(runbook, LATE_AS_OF))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "root cause ''{0}'', template ''{1}'', {2} action items: {3}")
    @CsvSource({"cause, v2, 1, PASS", "' ', v2, 1, FAIL", "cause, '', 1, FAIL", "cause, v2, 0, FAIL"})
    void r5_2NeedsRootCauseTemplateAndActionItems(String rootCause, String template, int items, Status expected) {
        PostmortemFacts postmortem = new PostmortemFacts(
                "PM-1",
                "INC-1",
                T0,
                T0.plus(Duration.ofDays(1)),
                template,
                rootCause,
                java.util.stream.IntStream.range(0, items)
                        .mapToObj(i -> "AI-" + i)
                        .toList());
        assertThat(status(new R5_2_PostmortemComplete().judge(postmortem, LATE_AS_OF)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "closed {0} s after due, as-of {1} s after due: {2}")
    @CsvSource({"0, 100, PASS", "-100, 100, PASS", "1, 100, FAIL", ", 100, FAIL", ", 0, FAIL", ", -1, PENDING"})
    void r5_3ClosedByDueOrPendingUntilDue(Long closedAfterDue, long asOfAfterDue, Status expected) {
        Instant due = T0;
        ActionItemFacts item = new ActionItemFacts(
                "AI-1", "PM-1", due, closedAfterDue == null ? null : due.plusSeconds(closedAfterDue));
        assertThat(status(new R5_3_ActionItemClosed().judge(item, asOf(due.plusSeconds(asOfAfterDue)))))
                .isEqualTo(expected);
    }
}
