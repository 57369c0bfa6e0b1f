package kr.compliance.scoring;

import java.util.List;
import java.util.stream.Stream;

/** The 17 controls the score job runs, by id, in id order: what a finding's {@code control_id} can be. */
public final class Controls {

    private static final List<String> IDS = Stream.of(
                    ControlGroup.CHANGES,
                    ControlGroup.INCIDENTS,
                    ControlGroup.RUNBOOKS,
                    ControlGroup.POSTMORTEMS,
                    ControlGroup.ACTION_ITEMS)
            .flatMap(group -> group.controlIds().stream())
            .sorted()
            .toList();

    private Controls() {}

    public static List<String> ids() {
        return IDS;
    }
}
