package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo's pack, made again by a {@code pack} command in another JVM on the same home: the same bytes. */
class DemoPackCommandsIntegrationTests {

    @Test
    void theDemoPackIsMadeAgainByteForByteByASecondCommandAndVerifies() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "demo-pack-");
        try (Commands commands = new Commands(home)) {
            Path demoOut = home.resolveSibling(home.getFileName() + "-demo");
            Path packOut = home.resolveSibling(home.getFileName() + "-pack");
            Commands.Result demo = commands.run("demo", "--out", demoOut.toString());
            assertThat(demo.exitCode()).as(demo.err()).isZero();
            Commands.Result pack = commands.run("pack", "--period", "2026Q3", "--out", packOut.toString());
            assertThat(pack.exitCode()).as(pack.err()).isZero();

            Path first = demoOut.resolve("compliance-pack-2026Q3.zip");
            Path second = packOut.resolve("compliance-pack-2026Q3.zip");
            assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
            assertThat(pack.out()).contains("sha256 ");
            Commands.Result verify = commands.run("verify", second.toString());
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            assertThat(verify.out())
                    .contains("ok: " + second)
                    .contains("signed by CN=compliance evidence pack signer (self-signed), certificate SHA-256 ");
        }
    }
}
