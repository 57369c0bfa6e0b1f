package kr.compliance.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

class IngestRequestTests {

    @Test
    void aRequestReadsBackFromItsParametersAsItWasMade() {
        IngestRequest request =
                new IngestRequest(Path.of("/drops/2026-10-01").toAbsolutePath(), Charset.forName("x-windows-949"));

        assertThat(IngestRequest.of(request.toJobParameters())).isEqualTo(request);
    }

    @Test
    void cp949InAScheduledLaunchIsMicrosoftsCodePageAsOnTheCommandLine() {
        var parameters = new JobParametersBuilder()
                .addString(IngestRequest.FOLDER, "/drops/x")
                .addString(IngestRequest.ENCODING, "CP949")
                .toJobParameters();

        assertThat(IngestRequest.of(parameters).encoding()).isEqualTo(Charset.forName("x-windows-949"));
    }

    @Test
    void withoutAnEncodingTheDropIsReadAsUtf8() {
        var parameters = new JobParametersBuilder()
                .addString(IngestRequest.FOLDER, "/drops/x")
                .toJobParameters();

        assertThat(IngestRequest.of(parameters).encoding()).isNull();
    }

    @Test
    void aLaunchWithoutItsFolderIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> IngestRequest.of(new JobParametersBuilder().toJobParameters()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'source'");
    }
}
