package kr.compliance.sources;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kr.compliance.ingest.RecordKind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the incidents of an API response saved as a file: the elements of its top-level
 * {@code incidents} array (PagerDuty, Statuspage's public v2 page API) or of a top-level array
 * (Statuspage's v1 manage API). One incident at a time is a tree; the list never is.
 */
final class JsonExport {

    /** Reads one element at a time out of a longer stream: what follows an element is the next one. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonExport() {}

    /**
     * Writes the incidents of every export at {@code path} (a file, or a folder of {@code *.json})
     * into the {@code kind} file of the drop in {@code folder}, one incident at a time.
     */
    static PulledDrop stage(
            String source,
            Path path,
            long maxFileBytes,
            Path folder,
            RecordKind kind,
            List<String> header,
            BiConsumer<JsonNode, DropFile> writeIncident) {
        List<Path> exports = ExportFiles.list(source, path, "*.json", maxFileBytes);
        try (DropFile file = DropFile.create(folder, kind, header)) {
            for (Path export : exports) {
                eachIncident(source, export, incident -> writeIncident.accept(incident, file));
            }
            return PulledDrop.of(Map.of(kind.fileName(), file.rows()));
        }
    }

    private static void eachIncident(String source, Path file, Consumer<JsonNode> incident) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                if (!seekField(parser, "incidents")) {
                    throw refused(source, file, parser.currentLocation(), "it has no \"incidents\" array");
                }
            } else if (first != JsonToken.START_ARRAY) {
                throw refused(source, file, parser.currentLocation(), "it is not a JSON object or array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                incident.accept(JSON.readTree(parser));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw refused(source, file, parser.currentLocation(), "the incidents array holds something else");
            }
        } catch (JacksonException e) {
            throw refused(source, file, e.getLocation(), e.getOriginalMessage());
        }
    }

    /** Moves to the start of the array {@code name} among the fields of the object just opened. */
    private static boolean seekField(JsonParser parser, String name) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(name) && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static SourceFailedException refused(
            String source, Path file, TokenStreamLocation location, String problem) {
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new SourceFailedException(source, file.getFileName() + " is refused" + where + ": " + problem);
    }

    /** A field's text, or null when it is absent or JSON null. */
    static String text(JsonNode node, String... path) {
        JsonNode value = node;
        for (String field : path) {
            value = value.path(field);
        }
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
