package kr.compliance.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import kr.compliance.results.Finding;
import kr.compliance.results.RunState;

/**
 * A page of a run's findings: {@code page} counts from 1, {@code size} is the size actually used;
 * the run they belong to and its state (a {@code DRAFT} is not what was submitted).
 */
public record FindingPage(
        List<Finding> items,
        long total,
        int page,
        int size,
        @JsonProperty("run_id") long runId,
        @JsonProperty("run_state") RunState runState) {}
