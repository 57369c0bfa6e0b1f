package kr.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import kr.compliance.scoring.FreezeSpans.Freeze;
import kr.compliance.scoring.controls.ChangeFacts.OpenIncident;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreezeSpansTests {

    private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");

    /** Hours after T0; a negative end means the incident is still open. */
    private static Freeze freeze(String id, String dataCenter, int startHour, int endHour) {
        return new Freeze(
                new OpenIncident(id, "SEV1", dataCenter, T0.plusSeconds(startHour * 3600L)),
                dataCenter,
                endHour < 0 ? null : T0.plusSeconds(endHour * 3600L));
    }

    // INC-B (2..8) inside INC-A (1..5) and beyond it; INC-C (10..) open still; INC-D on another
    // data centre; INC-E starts with INC-C but sorts after it by id
    private final FreezeSpans spans = new FreezeSpans(List.of(
            freeze("INC-B", "DC1", 2, 8),
            freeze("INC-A", "DC1", 1, 5),
            freeze("INC-E", "DC1", 10, 11),
            freeze("INC-C", "DC1", 10, -1),
            freeze("INC-D", "DC2", 0, 100)));

    @ParameterizedTest(name = "{0} at hour {1} + {2} s: {3}")
    @CsvSource(nullValues = "none", textBlock = """
            DC1,  0,     0, none
            DC1,  1,    -1, none
            DC1,  1,     0, INC-A
            DC1,  2,     0, INC-A
            DC1,  4,  3599, INC-A
            DC1,  5,     0, INC-B
            DC1,  8,    -1, INC-B
            DC1,  8,     0, none
            DC1, 10,     0, INC-C
            DC1, 11,     0, INC-C
            DC1, 5000,   0, INC-C
            DC2, 50,     0, INC-D
            DC2, 100,    0, none
            DC3, 50,     0, none
            """)
    void theEarliestIncidentOpenAtTheMomentFreezesIt(String dataCenter, int hour, int seconds, String expected) {
        OpenIncident open = spans.openAt(dataCenter, T0.plusSeconds(hour * 3600L + seconds));

        assertThat(open == null ? null : open.incidentId()).isEqualTo(expected);
    }
}
