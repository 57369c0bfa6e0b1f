package kr.compliance.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepLocator;

/**
 * The step that judges one partition of each control group, by name: the manager's partitioned
 * steps hand their partitions to these on local threads, and a worker finds them here by the name
 * a partition request carries.
 */
final class ControlGroupPartitions implements StepLocator {

    private final Map<String, Step> byName = new LinkedHashMap<>();

    ControlGroupPartitions(List<Step> steps) {
        steps.forEach(step -> byName.put(step.getName(), step));
    }

    @Override
    public Step getStep(String name) {
        Step step = byName.get(name);
        if (step == null) {
            throw new IllegalArgumentException("no control group step " + name + "; there are " + byName.keySet());
        }
        return step;
    }
}
