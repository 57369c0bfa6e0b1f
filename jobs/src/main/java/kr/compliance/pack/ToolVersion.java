package kr.compliance.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The tool a pack names as its maker ({@code manifest.json}'s {@code toolVersion}, the workbook's
 * cover): the version of this build, as Maven wrote it into {@code build-info.properties} beside
 * these classes. Not the jar manifest's {@code Implementation-Version}: classes on a class path
 * have none, so the same run would make other bytes depending on how the tool was launched.
 */
public final class ToolVersion {

    static final String RESOURCE = "build-info.properties";

    private ToolVersion() {}

    public static String of() {
        Properties build = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new PackException("this build has no kr/compliance/pack/" + RESOURCE
                        + ", which names the tool in every pack: build the application with Maven ('mvn package')");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's " + RESOURCE + ": " + e.getMessage(), e);
        }
        String version = build.getProperty("build.version");
        if (version == null || version.isBlank()) {
            throw new PackException("the build's " + RESOURCE + " has no build.version: rebuild with Maven");
        }
        return "compliance " + version;
    }
}
