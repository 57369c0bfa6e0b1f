package kr.compliance.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import kr.compliance.scoring.controls.ChangeFacts.OpenIncident;

/**
 * When each data centre was frozen by an open incident (R2.3), as disjoint spans. Between two
 * consecutive starts or ends of freeze incidents the set of open incidents does not change, so each
 * span knows the earliest incident open over it, and a change is placed in its span by one ordered
 * lookup however many incidents overlap. (Joining changes to incidents pair by pair grows with the
 * overlaps: 11.8 million pairs and 150 s for a generated quarter of a million changes.)
 */
final class FreezeSpans {

    /**
     * An incident that freezes its data centre on {@code [incident.startedAt(), endsAt)}.
     *
     * @param endsAt null while it is open
     */
    record Freeze(OpenIncident incident, String dataCenterKey, Instant endsAt) {

        boolean openAt(Instant at) {
            return !incident.startedAt().isAfter(at) && (endsAt == null || at.isBefore(endsAt));
        }
    }

    private static final Comparator<Freeze> EARLIEST_FIRST = Comparator.comparing(
                    (Freeze f) -> f.incident().startedAt())
            .thenComparing(f -> f.incident().incidentId());

    /** Per data centre key: span start → the earliest incident open over the span, or null. */
    private final Map<String, TreeMap<Instant, OpenIncident>> spans = new HashMap<>();

    FreezeSpans(List<Freeze> freezes) {
        Map<String, List<Freeze>> byDataCenter = new HashMap<>();
        for (Freeze freeze : freezes) {
            byDataCenter
                    .computeIfAbsent(freeze.dataCenterKey(), dc -> new ArrayList<>())
                    .add(freeze);
        }
        byDataCenter.forEach((dataCenter, incidents) -> {
            incidents.sort(EARLIEST_FIRST);
            TreeSet<Instant> edges = new TreeSet<>();
            for (Freeze freeze : incidents) {
                edges.add(freeze.incident().startedAt());
                if (freeze.endsAt() != null) {
                    edges.add(freeze.endsAt());
                }
            }
            TreeMap<Instant, OpenIncident> calendar = new TreeMap<>();
            for (Instant edge : edges) {
                calendar.put(
                        edge,
                        incidents.stream()
                                .filter(f -> f.openAt(edge))
                                .findFirst()
                                .map(Freeze::incident)
                                .orElse(null));
            }
            spans.put(dataCenter, calendar);
        });
    }

    /** The earliest freeze incident of the data centre open at {@code at}, or null. */
    OpenIncident openAt(String dataCenterKey, Instant at) {
        TreeMap<Instant, OpenIncident> calendar = spans.get(dataCenterKey);
        if (calendar == null || at == null) {
            return null;
        }
        var span = calendar.floorEntry(at);
        return span == null ? null : span.getValue();
    }
}
