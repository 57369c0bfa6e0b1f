package kr.compliance.scoring.controls;

import static kr.compliance.scoring.controls.Fixtures.*;
import static kr.compliance.scoring.controls.Status.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each line: an incident altered from a passing baseline, and the status each control must give. */
class IncidentControlsTests {

    static final List<Control<IncidentFacts>> CONTROLS = List.of(
            new R3_1_RunbookCurrent(),
            new R3_3_CommanderAssigned(),
            new R4_1_DetectedByMonitoring(),
            new R4_2_TimeToDetect(),
            new R5_1_PostmortemOnTime(),
            new R6_1_NotifiedPromptly(),
            new R6_2_MultiChannel(),
            new R6_3_ResolutionNotice());

    record Case(String name, Consumer<Incident> alter, List<Status> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Expected statuses in the order R3.1, R3.3, R4.1, R4.2, R5.1, R6.1, R6.2, R6.3. */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("baseline passes", x -> {}, PASS, PASS, PASS, PASS, PASS, PASS, PASS, PASS),
                c(
                        "runbook reviewed exactly 365 days before",
                        x -> x.review = new IncidentFacts.RunbookReview("RB-1", "1", T0.minus(Duration.ofDays(365))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "runbook reviewed 365 days and 1 s before",
                        x -> x.review = new IncidentFacts.RunbookReview(
                                "RB-1", "1", T0.minus(Duration.ofDays(365)).minusSeconds(1)),
                        FAIL,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c("no runbook for the type", x -> x.review = null, FAIL, PASS, PASS, PASS, PASS, PASS, PASS, PASS),
                c(
                        "commander exactly 15 min after detection",
                        x -> x.commanderAssignedAt = x.detectedAt.plus(min(15)),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "commander 15 min 1 s after detection",
                        x -> x.commanderAssignedAt = x.detectedAt.plus(min(15)).plusSeconds(1),
                        PASS,
                        FAIL,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c("blank commander", x -> x.commander = " ", PASS, FAIL, PASS, PASS, PASS, PASS, PASS, PASS),
                c(
                        "SEV3 needs no commander and no postmortem",
                        x -> x.severity = "SEV3",
                        PASS,
                        null,
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "user report",
                        x -> x.detectionSource = "USER_REPORT",
                        PASS,
                        PASS,
                        FAIL,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "detected exactly 5 min after start",
                        x -> x.detectedAt = T0.plus(min(5)),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "detected 5 min 1 s after start",
                        x -> x.detectedAt = T0.plus(min(5)).plusSeconds(1),
                        PASS,
                        PASS,
                        PASS,
                        FAIL,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "postmortem exactly 7 days after resolution",
                        x -> x.postmortem =
                                new IncidentFacts.FirstPostmortem("PM-1", x.resolvedAt.plus(Duration.ofDays(7))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "postmortem 7 days 1 s after resolution",
                        x -> x.postmortem = new IncidentFacts.FirstPostmortem(
                                "PM-1", x.resolvedAt.plus(Duration.ofDays(7)).plusSeconds(1)),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        FAIL,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "unresolved: no R5.1, no R6.3",
                        x -> x.resolvedAt = null,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        null),
                c(
                        "SEV3 at 0.99 % is not user-impacting",
                        x -> {
                            x.severity = "SEV3";
                            x.usersAffectedPct = new BigDecimal("0.99");
                        },
                        PASS,
                        null,
                        PASS,
                        PASS,
                        null,
                        null,
                        null,
                        null),
                c(
                        "SEV2 at exactly 1.0 % is user-impacting",
                        x -> {
                            x.severity = "SEV2";
                            x.usersAffectedPct = new BigDecimal("1.0");
                        },
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "SEV1 at 0 % is user-impacting",
                        x -> x.usersAffectedPct = BigDecimal.ZERO, PASS, PASS, PASS, PASS, PASS, PASS, PASS, PASS),
                c(
                        "INITIAL exactly 30 min after detection",
                        x -> x.notices.set(
                                0, new IncidentFacts.Notice("N-1", "SNS", "INITIAL", x.detectedAt.plus(min(30)))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "INITIAL 30 min 1 s after detection",
                        x -> x.notices.set(
                                0,
                                new IncidentFacts.Notice(
                                        "N-1",
                                        "SNS",
                                        "INITIAL",
                                        x.detectedAt.plus(min(30)).plusSeconds(1))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        FAIL,
                        PASS,
                        PASS),
                c(
                        "second channel exactly 60 min after detection",
                        x -> x.notices.set(
                                1,
                                new IncidentFacts.Notice("N-2", "STATUS_PAGE", "UPDATE", x.detectedAt.plus(min(60)))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "second channel 60 min 1 s after detection",
                        x -> x.notices.set(
                                1,
                                new IncidentFacts.Notice(
                                        "N-2",
                                        "STATUS_PAGE",
                                        "UPDATE",
                                        x.detectedAt.plus(min(60)).plusSeconds(1))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        FAIL,
                        PASS),
                c(
                        "two channels without SNS",
                        x -> x.notices.set(
                                0, new IncidentFacts.Notice("N-1", "EMAIL", "INITIAL", x.detectedAt.plus(min(5)))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        FAIL,
                        PASS),
                c(
                        "RESOLVED exactly 60 min after resolution",
                        x -> x.notices.set(
                                2, new IncidentFacts.Notice("N-3", "SNS", "RESOLVED", x.resolvedAt.plus(min(60)))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "RESOLVED 60 min 1 s after resolution",
                        x -> x.notices.set(
                                2,
                                new IncidentFacts.Notice(
                                        "N-3",
                                        "SNS",
                                        "RESOLVED",
                                        x.resolvedAt.plus(min(60)).plusSeconds(1))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        FAIL),
                c(
                        "RESOLVED 1 s before resolution",
                        x -> x.notices.set(
                                2, new IncidentFacts.Notice("N-3", "SNS", "RESOLVED", x.resolvedAt.minusSeconds(1))),
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        FAIL));
    }

    private static Arguments c(String name, Consumer<Incident> alter, Status... expected) {
        return Arguments.of(new Case(name, alter, Arrays.asList(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachControlGivesTheStatusOfItsLine(Case line) {
        Incident incident = new Incident();
        line.alter().accept(incident);
        IncidentFacts facts = incident.facts();

        assertThat(CONTROLS.stream()
                        .map(control -> status(control.judge(facts, LATE_AS_OF)))
                        .toList())
                .as("R3.1, R3.3, R4.1, R4.2, R5.1, R6.1, R6.2, R6.3")
                .isEqualTo(line.expected());
    }

    /** Missing evidence is PENDING while its deadline is after as-of, and FAIL once it has passed. */
    @ParameterizedTest(name = "{0}, as-of {1} min after its deadline: {2}")
    @CsvSource({
        "R3.3, -1, PENDING", "R3.3, 0, FAIL",
        "R5.1, -1, PENDING", "R5.1, 0, FAIL",
        "R6.1, -1, PENDING", "R6.1, 0, FAIL",
        "R6.3, -1, PENDING", "R6.3, 0, FAIL"
    })
    void pendingTurnsIntoFailAsAsOfMoves(String controlId, long minutesAfterDeadline, Status expected) {
        Incident incident = new Incident();
        incident.commander = null;
        incident.postmortem = null;
        incident.notices.clear();
        IncidentFacts facts = incident.facts();
        var deadline = switch (controlId) {
            case "R3.3" -> facts.detectedAt().plus(min(15));
            case "R5.1" -> facts.resolvedAt().plus(Duration.ofDays(7));
            case "R6.1" -> facts.detectedAt().plus(min(30));
            default -> facts.resolvedAt().plus(min(60));
        };
        Control<IncidentFacts> control = CONTROLS.stream()
                .filter(candidate -> candidate.id().equals(controlId))
                .findFirst()
                .orElseThrow();

        assertThat(status(control.judge(facts, asOf(deadline.plus(min(minutesAfterDeadline))))))
                .isEqualTo(expected);
    }
}
