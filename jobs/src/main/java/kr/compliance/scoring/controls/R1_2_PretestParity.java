package kr.compliance.scoring.controls;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * R1.2 PRETEST_PARITY. Subject: CHANGE in pre-test scope, having a qualifying pre-test. PASS when
 * some qualifying pre-test has {@code env_parity >= 0.90} [r1.min-parity]; unknown parity never
 * passes.
 */
public final class R1_2_PretestParity implements Control<ChangeFacts> {

    @Override
    public String id() {
        return "R1.2";
    }

    @Override
    public Optional<Verdict> judge(ChangeFacts change, Judging judging) {
        if (!change.needsPretest(judging.policy())) {
            return Optional.empty();
        }
        List<ChangeFacts.TestFact> qualifying = change.qualifyingTests(judging.policy());
        if (qualifying.isEmpty()) {
            return Optional.empty();
        }
        var minimum = judging.policy().minParity();
        Optional<ChangeFacts.TestFact> best = qualifying.stream()
                .filter(test -> test.envParity() != null)
                .max(Comparator.comparing(ChangeFacts.TestFact::envParity)
                        .thenComparing(ChangeFacts.TestFact::testRunId, Comparator.reverseOrder()));
        if (best.isEmpty()) {
            List<String> ids =
                    qualifying.stream().map(ChangeFacts.TestFact::testRunId).toList();
            return Optional.of(Verdict.fail(Reason.of("R1.2.parity-unknown").with("tests", ids), ids));
        }
        ChangeFacts.TestFact test = best.get();
        boolean met = test.envParity().compareTo(minimum) >= 0;
        Reason reason = Reason.of(met ? "R1.2.parity-met" : "R1.2.parity-low")
                .with("parity", test.envParity().stripTrailingZeros().toPlainString())
                .with("minimum", minimum.stripTrailingZeros().toPlainString())
                .with("test", test.testRunId());
        List<String> evidence = List.of(test.testRunId());
        return Optional.of(met ? Verdict.pass(reason, evidence) : Verdict.fail(reason, evidence));
    }
}
