package kr.compliance.scoring.controls;

import static kr.compliance.scoring.controls.Fixtures.*;
import static kr.compliance.scoring.controls.Status.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each line: a change altered from a passing baseline, and the status each control must give. */
class ChangeControlsTests {

    record Case(
            String name,
            Consumer<Change> alter,
            Status r11,
            Status r12,
            Status r13,
            Status r21,
            Status r22,
            Status r23) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("baseline passes", x -> {}, PASS, PASS, null, PASS, PASS, PASS),
                c(
                        "MINOR CONFIG: out of pre-test scope and not major work; held to the window it gives",
                        x -> {
                            x.type = "CONFIG";
                            x.scale = "MINOR";
                        },
                        null,
                        null,
                        null,
                        null,
                        PASS,
                        PASS),
                c(
                        "MINOR UPDATE: in pre-test scope by type",
                        x -> x.scale = "MINOR",
                        PASS,
                        PASS,
                        null,
                        null,
                        PASS,
                        PASS),
                c("no tests at all", x -> x.tests.clear(), FAIL, null, null, PASS, PASS, PASS),
                c(
                        "test finished exactly 30 days before start",
                        x -> x.tests.set(0, Change.passed("T-1", "0.95", "E2E", T0.minus(Duration.ofDays(30)))),
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "test finished 30 days and 1 s before start",
                        x -> x.tests.set(
                                0,
                                Change.passed(
                                        "T-1",
                                        "0.95",
                                        "E2E",
                                        T0.minus(Duration.ofDays(30).plusSeconds(1)))),
                        FAIL,
                        null,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "test finished exactly at start",
                        x -> x.tests.set(0, Change.passed("T-1", "0.95", "E2E", T0)),
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "test finished 1 s after start",
                        x -> x.tests.set(0, Change.passed("T-1", "0.95", "E2E", T0.plusSeconds(1))),
                        FAIL,
                        null,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "only a FAILED test",
                        x -> x.tests.set(
                                0,
                                new ChangeFacts.TestFact(
                                        "T-1", "FAILED", new java.math.BigDecimal("0.99"), "E2E", T0.minus(min(5)))),
                        FAIL,
                        null,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "parity exactly 0.90",
                        x -> x.tests.set(0, Change.passed("T-1", "0.90", "E2E", T0.minus(min(5)))),
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "parity 0.8999",
                        x -> x.tests.set(0, Change.passed("T-1", "0.8999", "E2E", T0.minus(min(5)))),
                        PASS,
                        FAIL,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "parity unknown never passes",
                        x -> x.tests.set(0, Change.passed("T-1", null, "E2E", T0.minus(min(5)))),
                        PASS,
                        FAIL,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "one good parity among qualifying tests is enough",
                        x -> x.tests.add(Change.passed("T-2", "0.5", "LOAD", T0.minus(min(5)))),
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "destructive with plan and ROLLBACK test",
                        x -> {
                            x.destructive = true;
                            x.tests.add(Change.passed("T-2", "0.95", "ROLLBACK", T0.minus(min(5))));
                        },
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "destructive with blank plan",
                        x -> {
                            x.destructive = true;
                            x.rollbackPlan = "   ";
                            x.tests.add(Change.passed("T-2", "0.95", "ROLLBACK", T0.minus(min(5))));
                        },
                        PASS,
                        PASS,
                        FAIL,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "destructive, ROLLBACK test too old",
                        x -> {
                            x.destructive = true;
                            x.tests.add(Change.passed("T-2", "0.95", "ROLLBACK", T0.minus(Duration.ofDays(31))));
                        },
                        PASS,
                        PASS,
                        FAIL,
                        PASS,
                        PASS,
                        PASS),
                c("approved exactly at start", x -> x.approvedAt = T0, PASS, PASS, null, PASS, PASS, PASS),
                c(
                        "approved 1 s after start",
                        x -> x.approvedAt = T0.plusSeconds(1),
                        PASS,
                        PASS,
                        null,
                        FAIL,
                        PASS,
                        PASS),
                c("no approver", x -> x.approvedBy = " ", PASS, PASS, null, FAIL, PASS, PASS),
                c(
                        "approver is the requester, other case and spaces",
                        x -> x.approvedBy = "  KIM ",
                        PASS,
                        PASS,
                        null,
                        FAIL,
                        PASS,
                        PASS),
                c(
                        "case-different approver who is someone else",
                        x -> x.approvedBy = "LEE",
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c("approver without approval time", x -> x.approvedAt = null, PASS, PASS, null, FAIL, PASS, PASS),
                c(
                        "emergency approved exactly 24 h after start",
                        x -> {
                            x.type = "EMERGENCY";
                            x.approvedAt = T0.plus(Duration.ofHours(24));
                        },
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        null),
                c(
                        "emergency approved 24 h 1 s after start",
                        x -> {
                            x.type = "EMERGENCY";
                            x.approvedAt = T0.plus(Duration.ofHours(24)).plusSeconds(1);
                        },
                        PASS,
                        PASS,
                        null,
                        FAIL,
                        PASS,
                        null),
                c(
                        "emergency without a window: R2.2 does not apply",
                        x -> {
                            x.type = "EMERGENCY";
                            x.windowStart = null;
                            x.windowEnd = null;
                        },
                        PASS,
                        PASS,
                        null,
                        PASS,
                        null,
                        null),
                c(
                        "emergency that gives a window is held to it",
                        x -> {
                            x.type = "EMERGENCY";
                            x.windowEnd = T0.minusSeconds(1);
                        },
                        PASS,
                        PASS,
                        null,
                        PASS,
                        FAIL,
                        null),
                c(
                        "minor change giving only window_end",
                        x -> {
                            x.type = "CONFIG";
                            x.scale = "MINOR";
                            x.windowStart = null;
                        },
                        null,
                        null,
                        null,
                        null,
                        FAIL,
                        PASS),
                c("started exactly at window start", x -> x.windowStart = T0, PASS, PASS, null, PASS, PASS, PASS),
                c(
                        "started 1 s before window start",
                        x -> x.windowStart = T0.plusSeconds(1),
                        PASS,
                        PASS,
                        null,
                        PASS,
                        FAIL,
                        PASS),
                c(
                        "started exactly at window end, not ended",
                        x -> {
                            x.windowEnd = T0;
                            x.endedAt = null;
                        },
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        PASS),
                c(
                        "ended 1 s after window end",
                        x -> x.endedAt = x.windowEnd.plusSeconds(1),
                        PASS,
                        PASS,
                        null,
                        PASS,
                        FAIL,
                        PASS),
                c("ended exactly at window end", x -> x.endedAt = x.windowEnd, PASS, PASS, null, PASS, PASS, PASS),
                c(
                        "major work without a window",
                        x -> {
                            x.windowStart = null;
                            x.windowEnd = null;
                        },
                        PASS,
                        PASS,
                        null,
                        PASS,
                        FAIL,
                        PASS),
                c(
                        "freeze incident open at start",
                        x -> x.openIncident = new ChangeFacts.OpenIncident("INC-9", "SEV1", "DC-A", T0.minus(min(30))),
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        FAIL),
                c(
                        "emergency during a freeze incident: R2.3 does not apply",
                        x -> {
                            x.type = "EMERGENCY";
                            x.openIncident = new ChangeFacts.OpenIncident("INC-9", "SEV1", "DC-A", T0.minus(min(30)));
                        },
                        PASS,
                        PASS,
                        null,
                        PASS,
                        PASS,
                        null));
    }

    private static Arguments c(
            String name,
            Consumer<Change> alter,
            Status r11,
            Status r12,
            Status r13,
            Status r21,
            Status r22,
            Status r23) {
        return Arguments.of(new Case(name, alter, r11, r12, r13, r21, r22, r23));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachControlGivesTheStatusOfItsLine(Case line) {
        Change change = new Change();
        line.alter().accept(change);
        ChangeFacts facts = change.facts();

        assertThat(java.util.Arrays.asList(
                        status(new R1_1_PretestPassed().judge(facts, LATE_AS_OF)),
                        status(new R1_2_PretestParity().judge(facts, LATE_AS_OF)),
                        status(new R1_3_DestructiveSafeguard().judge(facts, LATE_AS_OF)),
                        status(new R2_1_ApprovedBeforeStart().judge(facts, LATE_AS_OF)),
                        status(new R2_2_WithinWindow().judge(facts, LATE_AS_OF)),
                        status(new R2_3_NoChangeDuringOpenIncident().judge(facts, LATE_AS_OF))))
                .as("R1.1, R1.2, R1.3, R2.1, R2.2, R2.3")
                .isEqualTo(java.util.Arrays.asList(
                        line.r11(), line.r12(), line.r13(), line.r21(), line.r22(), line.r23()));
    }

    @ParameterizedTest(name = "as-of {0} min after start: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"60, PENDING", "1439, PENDING", "1440, FAIL"})
    void anUnapprovedEmergencyIsPendingWhileItsGraceRuns(long minutesAfterStart, Status expected) {
        Change change = new Change();
        change.type = "EMERGENCY";
        change.approvedBy = null;
        change.approvedAt = null;
        assertThat(status(new R2_1_ApprovedBeforeStart().judge(change.facts(), asOf(at(min(minutesAfterStart))))))
                .isEqualTo(expected);
    }
}
