package kr.compliance.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The findings of a scoring run newly {@code FAIL}, per control: a count and the first subjects.
 *
 * @param runId the scoring run
 * @param previousRunId the run compared against; null when this is the period's first completed run
 * @param controls the controls with at least one new failure, in control order
 */
record NewFailures(long runId, Long previousRunId, List<Control> controls) {

    long total() {
        return controls.stream().mapToLong(Control::count).sum();
    }

    /** One newly failing finding. */
    record Finding(String subjectType, String subjectId, String reason) {}

    /** The new failures of one control: all counted, the first {@code limit} kept. */
    static final class Control {
        private final String controlId;
        private final int limit;
        private final List<Finding> listed = new ArrayList<>();
        private long count;

        Control(String controlId, int limit) {
            this.controlId = controlId;
            this.limit = limit;
        }

        void add(Finding finding) {
            count++;
            if (listed.size() < limit) {
                listed.add(finding);
            }
        }

        String controlId() {
            return controlId;
        }

        long count() {
            return count;
        }

        List<Finding> listed() {
            return List.copyOf(listed);
        }
    }
}
