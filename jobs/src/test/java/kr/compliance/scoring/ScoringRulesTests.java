package kr.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import kr.compliance.scoring.policy.Policy;
import kr.compliance.scoring.policy.PolicyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/** Scores, ratings, the runbook version order and the policy file's checks. */
class ScoringRulesTests {

    static final Policy POLICY = PolicyFile.read(new ClassPathResource("policy/default-policy.yml"));

    @ParameterizedTest(name = "{0} pass, {1} fail: {2} {3}")
    @CsvSource({
        "19, 1, 95.0, GREEN",
        "1899, 101, 95.0, GREEN", // 94.95 rounds half-up to 95.0
        "18989, 1011, 94.9, AMBER", // 94.945
        "4, 1, 80.0, AMBER",
        "1599, 401, 80.0, AMBER", // 79.95
        "15989, 4011, 79.9, RED", // 79.945
        "1, 2, 33.3, RED",
        "2, 1, 66.7, RED",
        "0, 5, 0.0, RED",
        "5, 0, 100.0, GREEN"
    })
    void aRequirementScoreIsRoundedHalfUpAndRated(long pass, long fail, String score, String rating) {
        Score result = Score.of("R1", pass, fail, 3, 2, POLICY);
        assertThat(result.score()).isEqualByComparingTo(new BigDecimal(score));
        assertThat(result.score().scale()).isEqualTo(1);
        assertThat(result.rating()).isEqualTo(rating);
    }

    @Test
    void exceptionsAndPendingsAloneGiveNoData() {
        Score result = Score.of("R1", 0, 0, 4, 2, POLICY);
        assertThat(result.score()).isNull();
        assertThat(result.rating()).isEqualTo("NO_DATA");
        assertThat(result.exception()).isEqualTo(4);
    }

    @Test
    void theOverallScoreAveragesTheUnroundedRequirementScoresWithData() {
        // 33.33.., 66.66.. and 12.5 average exactly 37.5; R4 has no PASS or FAIL and does not count
        Score overall = Score.overall(
                List.of(
                        Score.of("R1", 1, 2, 0, 0, POLICY),
                        Score.of("R2", 2, 1, 0, 0, POLICY),
                        Score.of("R3", 1, 7, 0, 0, POLICY),
                        Score.of("R4", 0, 0, 1, 0, POLICY)),
                POLICY);
        assertThat(overall.score()).isEqualByComparingTo("37.5");
        assertThat(overall.pass()).isEqualTo(4);
        assertThat(overall.fail()).isEqualTo(10);
        assertThat(overall.exception()).isEqualTo(1);
    }

    @Test
    void theOverallScoreIsNotTheMeanOfRoundedScores() {
        // 1/16 is 6.25 and 1/1 is 100: the exact mean 53.125 rounds to 53.1, while the rounded
        // scores (6.3 and 100.0) would average 53.15 and round to 53.2
        Score overall =
                Score.overall(List.of(Score.of("R1", 1, 15, 0, 0, POLICY), Score.of("R2", 1, 0, 0, 0, POLICY)), POLICY);
        assertThat(overall.score()).isEqualByComparingTo("53.1");
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({"10, 9, 1", "9, 10, -1", "2, 2, 0", "b, a, 1", "10, 9a, -1"})
    void runbookVersionsCompareAsNumbersWhenBothAreWhole(String a, String b, int sign) {
        assertThat(Integer.signum(RunbookVersions.compareVersions(a, b))).isEqualTo(sign);
    }

    @Test
    void theDefaultPolicyHoldsTheDefaultsOfTheSpec() {
        assertThat(POLICY.version()).isEqualTo("2026.1");
        assertThat(POLICY.minParity()).isEqualByComparingTo("0.90");
        assertThat(POLICY.maxTestAge()).hasDays(30);
        assertThat(POLICY.emergencyApprovalGrace()).hasHours(24);
        assertThat(POLICY.freezeSeverities()).containsExactlyInAnyOrder("SEV1", "SEV2");
        assertThat(POLICY.freezeUntil()).isEqualTo(Policy.FreezeUntil.CLOSED_OR_RESOLVED);
        assertThat(POLICY.requiredChannels()).containsExactly("SNS");
        assertThat(POLICY.minChannels()).isEqualTo(2);
    }

    @Test
    void aPolicyWithAnUnknownKeyIsRefused() {
        String text = POLICY.content().replace("rating:", "rating:\n  blue: 99");
        assertThatThrownBy(() -> PolicyFile.parse(text, "test.yml"))
                .isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessage("the policy test.yml has unknown key(s): rating.blue");
    }

    @Test
    void aPolicyThatDoesNotParseIsRefused() {
        assertThatThrownBy(() -> PolicyFile.parse("version: [unclosed", "test.yml"))
                .isInstanceOf(PolicyFile.PolicyException.class)
                .hasMessageStartingWith("the policy test.yml is not valid YAML");
    }

    @Test
    void aPolicyWithABadValueIsRefused() {
        String text = POLICY.content().replace("min-parity: 0.90", "min-parity: 1.5");
        assertThatThrownBy(() -> PolicyFile.parse(text, "test.yml"))
                .hasMessage("the policy test.yml: r1.min-parity must be a number from 0 to 1, not '1.5'");
        String duration = POLICY.content().replace("max-test-age: 30d", "max-test-age: a month");
        assertThatThrownBy(() -> PolicyFile.parse(duration, "test.yml")).hasMessageContaining("r1.max-test-age");
    }
}
