package kr.compliance.sources;

import java.nio.file.Path;

/**
 * A source system as the pull sees it: something that writes what it holds into a canonical drop
 * (the CSV files of docs/formats.md), so that the ingest validates, rejects, revises and de-duplicates it
 * exactly as it does a file drop.
 */
interface SourceSystem {

    /**
     * Writes the drop into {@code folder} (which exists and is empty).
     *
     * @throws SourceFailedException when the source cannot be read; nothing has been loaded then
     */
    PulledDrop pull(Path folder);
}
