package kr.compliance.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.compliance.results.Catalogue;
import kr.compliance.results.ControlCount;

/** One control of a run as the API and the scores page show it: its titles and counts by status. */
record ControlRow(
        @JsonProperty("control_id") String controlId,
        @JsonProperty("title_en") String titleEn,
        @JsonProperty("title_ko") String titleKo,
        long pass,
        long fail,
        long exception,
        long pending) {

    /** Every control the score job runs, in id order; one without findings in the run counts zeros. */
    static List<ControlRow> of(List<ControlCount> counted) {
        Map<String, ControlCount> byId = new HashMap<>();
        counted.forEach(c -> byId.put(c.controlId(), c));
        return Catalogue.controlIds().stream()
                .map(id -> byId.getOrDefault(id, new ControlCount(id, 0, 0, 0, 0)))
                .map(c -> new ControlRow(
                        c.controlId(),
                        Catalogue.controlTitle(c.controlId(), "en"),
                        Catalogue.controlTitle(c.controlId(), "ko"),
                        c.pass(),
                        c.fail(),
                        c.exception(),
                        c.pending()))
                .toList();
    }
}
