package kr.compliance.sources;

/**
 * A source could not be read (down, refused the query, a file unreadable or malformed). Nothing of
 * the pull was loaded and no watermark moved; the message names the source.
 */
public class SourceFailedException extends RuntimeException {

    SourceFailedException(String source, String problem, Throwable cause) {
        super(
                "source '" + source + "' failed: " + problem
                        + "; nothing of it was loaded, the next pull reads it again",
                cause);
    }

    SourceFailedException(String source, String problem) {
        this(source, problem, null);
    }
}
