package kr.compliance.scoring.controls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.compliance.store.TextKeys;

/**
 * R1.3 DESTRUCTIVE_SAFEGUARD. Subject: CHANGE with {@code destructive = true}. PASS when
 * {@code rollback_plan} is not blank AND a qualifying pre-test has {@code scope = ROLLBACK}.
 */
public final class R1_3_DestructiveSafeguard implements Control<ChangeFacts> {

    @Override
    public String id() {
        return "R1.3";
    }

    @Override
    public Optional<Verdict> judge(ChangeFacts change, Judging judging) {
        if (!change.destructive()) {
            return Optional.empty();
        }
        Optional<ChangeFacts.TestFact> rollbackTest = change.qualifyingTests(judging.policy()).stream()
                .filter(test -> "ROLLBACK".equals(test.scope()))
                .findFirst();
        boolean hasPlan = !TextKeys.isBlank(change.rollbackPlan());
        List<String> evidence =
                rollbackTest.map(test -> List.of(test.testRunId())).orElse(List.of());
        if (hasPlan && rollbackTest.isPresent()) {
            return Optional.of(Verdict.pass(
                    Reason.of("R1.3.safeguarded")
                            .with("test", rollbackTest.get().testRunId()),
                    evidence));
        }
        List<String> missing = new ArrayList<>();
        if (!hasPlan) {
            missing.add("no-plan");
        }
        if (rollbackTest.isEmpty()) {
            missing.add("no-rollback-test");
        }
        return Optional.of(Verdict.fail(Reason.of("R1.3.unsafeguarded").with("missing", missing), evidence));
    }
}
