package kr.compliance.scoring.controls;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * R1.1 PRETEST_PASSED. Subject: CHANGE in pre-test scope. PASS when at least one qualifying
 * pre-test exists: a test run of that change with {@code result = PASSED} and
 * {@code change.started_at - 30 days <= finished_at <= change.started_at} [r1.max-test-age].
 */
public final class R1_1_PretestPassed implements Control<ChangeFacts> {

    @Override
    public String id() {
        return "R1.1";
    }

    @Override
    public Optional<Verdict> judge(ChangeFacts change, Judging judging) {
        if (!change.needsPretest(judging.policy())) {
            return Optional.empty();
        }
        List<ChangeFacts.TestFact> qualifying = change.qualifyingTests(judging.policy());
        List<String> seen =
                change.tests().stream().map(ChangeFacts.TestFact::testRunId).toList();
        if (!qualifying.isEmpty()) {
            ChangeFacts.TestFact latest = qualifying.stream()
                    .max(Comparator.comparing(ChangeFacts.TestFact::finishedAt))
                    .orElseThrow();
            return Optional.of(Verdict.pass(
                    Reason.of("R1.1.passed")
                            .with("test", latest.testRunId())
                            .with("finished", judging.time(latest.finishedAt()))
                            .with("before", Duration.between(latest.finishedAt(), change.startedAt())),
                    qualifying.stream().map(ChangeFacts.TestFact::testRunId).toList()));
        }
        Reason missing = Reason.of(seen.isEmpty() ? "R1.1.no-test" : "R1.1.no-passing-test")
                .with("maxAge", judging.policy().maxTestAge())
                .with("started", judging.time(change.startedAt()));
        return Optional.of(Verdict.fail(seen.isEmpty() ? missing : missing.with("seen", seen), seen));
    }
}
