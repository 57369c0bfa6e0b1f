package kr.compliance.scoring.controls;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * R3.2 RUNBOOK_ROLES. Subject: every RUNBOOK in force at period end. PASS when {@code roles}
 * assigns {@code COMMANDER} and {@code COMMUNICATIONS} [r3.required-roles], each to a non-blank
 * department. Roles are {@code ROLE=DEPARTMENT} pairs separated by {@code ;}; a pair without
 * {@code =} is ignored (the pack reports it as a data-quality note).
 */
public final class R3_2_RunbookRoles implements Control<RunbookFacts> {

    @Override
    public String id() {
        return "R3.2";
    }

    @Override
    public Optional<Verdict> judge(RunbookFacts runbook, Judging judging) {
        Map<String, String> departments = assignments(runbook.roles());
        List<String> missing = judging.policy().requiredRoles().stream()
                .sorted()
                .filter(role -> departments.getOrDefault(role, "").isBlank())
                .toList();
        List<String> evidence = List.of(runbook.runbookId() + "@" + runbook.version());
        Reason which = Reason.of("R3.2.").with("runbook", runbook.runbookId()).with("version", runbook.version());
        if (missing.isEmpty()) {
            return Optional.of(Verdict.pass(
                    which.with(
                                    "assignments",
                                    judging.policy().requiredRoles().stream()
                                            .sorted()
                                            .map(role -> role + "=" + departments.get(role))
                                            .toList())
                            .as("R3.2.roles-assigned"),
                    evidence));
        }
        return Optional.of(Verdict.fail(which.with("missing", missing).as("R3.2.roles-missing"), evidence));
    }

    /** Role (trimmed, upper-case) to department (trimmed); a role assigned twice keeps a non-blank one. */
    static Map<String, String> assignments(String roles) {
        Map<String, String> departments = new HashMap<>();
        if (roles == null) {
            return departments;
        }
        for (String pair : roles.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                departments.merge(
                        pair.substring(0, equals).strip().toUpperCase(Locale.ROOT),
                        pair.substring(equals + 1).strip(),
                        (first, second) -> first.isBlank() ? second : first);
            }
        }
        return departments;
    }
}
