package kr.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The demo's pack, made again by a {@code pack} command in another JVM on the same home, and by
 * the whole demo on a machine set to another zone: the same bytes.
 */
class DemoPackCommandsIntegrationTests {

    /**
     * Times are UTC instants wherever the commands run. Before {@code UtcInstantBinding}, the
     * times a statement bound went through the JVM's zone, so a machine set to Asia/Seoul stored
     * them nine hours early and scored the demo 72.2 where a UTC machine scores 73.1.
     */
    @Test
    void aMachineSetToSeoulMakesTheSamePackAsOneSetToUtc() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        try (Commands utc = new Commands(Files.createTempDirectory(target, "demo-utc-"));
                Commands seoul = new Commands(Files.createTempDirectory(target, "demo-seoul-"), "Asia/Seoul")) {
            Path utcOut = utc.home().resolveSibling(utc.home().getFileName() + "-out");
            Path seoulOut = seoul.home().resolveSibling(seoul.home().getFileName() + "-out");
            Commands.Result first = utc.run("demo", "--out", utcOut.toString());
            assertThat(first.exitCode()).as(first.err()).isZero();
            // one installation's key, so the packs can be the same bytes
            seoul.useSigningKey(Files.readAllBytes(utc.signingKey()));
            Commands.Result second = seoul.run("demo", "--out", seoulOut.toString());
            assertThat(second.exitCode()).as(second.err()).isZero();

            assertThat(second.out()).contains("OVERALL      73.1 RED");
            assertThat(Files.readAllBytes(seoulOut.resolve("compliance-pack-2026Q3.zip")))
                    .isEqualTo(Files.readAllBytes(utcOut.resolve("compliance-pack-2026Q3.zip")));
        }
    }

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
