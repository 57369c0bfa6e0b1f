package kr.compliance.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The checked files of the drops being loaded, by fingerprint (an identifying job parameter), so
 * each step finds its file without checking the drop again. A restart checks the drop anew first.
 */
@Component
class PreparedDrops {

    private final Map<String, List<SourceFile>> byFingerprint = new ConcurrentHashMap<>();

    void put(String fingerprint, List<SourceFile> files) {
        byFingerprint.put(fingerprint, files);
    }

    void remove(String fingerprint) {
        byFingerprint.remove(fingerprint);
    }

    Optional<SourceFile> file(String fingerprint, RecordKind kind) {
        return byFingerprint.getOrDefault(fingerprint, List.of()).stream()
                .filter(file -> file.kind() == kind)
                .findFirst();
    }
}
