package kr.compliance.sources;

import java.util.Map;

/**
 * What a pull wrote, and what it records once the drop has loaded.
 *
 * @param rows rows written per file name
 * @param afterLoad run only after the ingest of the drop completed (a JDBC source advances its
 *     watermarks here, so a failed load is pulled again)
 */
record PulledDrop(Map<String, Long> rows, Runnable afterLoad) {

    static PulledDrop of(Map<String, Long> rows) {
        return new PulledDrop(rows, () -> {});
    }
}
