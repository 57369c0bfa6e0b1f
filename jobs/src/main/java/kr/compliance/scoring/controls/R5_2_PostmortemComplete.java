package kr.compliance.scoring.controls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.compliance.store.TextKeys;

/**
 * R5.2 POSTMORTEM_COMPLETE. Subject: every POSTMORTEM of an incident in the period, published by
 * as-of. PASS when {@code root_cause} and {@code template_version} are not blank, and it has at
 * least one action item.
 */
public final class R5_2_PostmortemComplete implements Control<PostmortemFacts> {

    @Override
    public String id() {
        return "R5.2";
    }

    @Override
    public Optional<Verdict> judge(PostmortemFacts postmortem, Judging judging) {
        List<String> gaps = new ArrayList<>();
        if (TextKeys.isBlank(postmortem.rootCause())) {
            gaps.add("no-root-cause");
        }
        if (TextKeys.isBlank(postmortem.templateVersion())) {
            gaps.add("no-template-version");
        }
        if (postmortem.actionItemIds().isEmpty()) {
            gaps.add("no-action-items");
        }
        if (gaps.isEmpty()) {
            return Optional.of(Verdict.pass(
                    Reason.of("R5.2.complete")
                            .with("template", postmortem.templateVersion().strip())
                            .with("actionItems", postmortem.actionItemIds().size()),
                    postmortem.actionItemIds()));
        }
        return Optional.of(Verdict.fail(
                Reason.of("R5.2.incomplete")
                        .with("incident", postmortem.incidentId())
                        .with("gaps", gaps),
                postmortem.actionItemIds()));
    }
}
