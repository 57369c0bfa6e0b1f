package kr.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import kr.compliance.store.Quarter;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

class ScoreRequestTests {

    @Test
    void aRequestReadsBackFromItsParametersAsItWasMade() {
        ScoreRequest request = new ScoreRequest(Quarter.parse("2026Q3"), Instant.parse("2026-10-05T00:00:00.123Z"));

        assertThat(ScoreRequest.of(request.toJobParameters())).isEqualTo(request);
    }

    @Test
    void aLaunchWithoutItsAsOfIsRefusedNamingWhatIsMissing() {
        var parameters = new JobParametersBuilder()
                .addString(ScoreRequest.PERIOD, "2026Q3")
                .toJobParameters();

        assertThatThrownBy(() -> ScoreRequest.of(parameters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'asOf'");
    }
}
