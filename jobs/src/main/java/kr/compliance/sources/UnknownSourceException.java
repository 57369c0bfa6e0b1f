package kr.compliance.sources;

import java.util.Collection;

/** A source name that {@code compliance.sources} does not configure. */
public class UnknownSourceException extends RuntimeException {

    UnknownSourceException(String name, Collection<String> known) {
        super("no source named '" + name + "' is configured under compliance.sources"
                + (known.isEmpty() ? " (none is)" : "; configured: " + String.join(", ", known)));
    }
}
