package kr.compliance.scoring;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kr.compliance.scoring.controls.Control;

/** The 17 controls the score job runs, by id, in id order: what a finding's {@code control_id} can be. */
public final class Controls {

    private static final Map<String, String> REQUIREMENTS = Stream.of(
                    ControlGroup.CHANGES,
                    ControlGroup.INCIDENTS,
                    ControlGroup.RUNBOOKS,
                    ControlGroup.POSTMORTEMS,
                    ControlGroup.ACTION_ITEMS)
            .flatMap(group -> group.controls().stream())
            .collect(Collectors.toUnmodifiableMap(Control::id, Control::requirement));
    private static final List<String> IDS =
            REQUIREMENTS.keySet().stream().sorted().toList();

    private Controls() {}

    public static List<String> ids() {
        return IDS;
    }

    /** The requirement a control rolls up to ({@code R2} for {@code R2.3}). */
    static String requirementOf(String controlId) {
        return REQUIREMENTS.get(controlId);
    }
}
