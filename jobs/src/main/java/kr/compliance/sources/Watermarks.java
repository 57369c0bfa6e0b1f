package kr.compliance.sources;

import static kr.compliance.store.jooq.Tables.SOURCE_WATERMARK;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kr.compliance.ingest.RecordKind;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The watermark of every JDBC source and record kind ({@code source_watermark}, migration V0060). */
@Repository
class Watermarks {

    private final DSLContext dsl;

    Watermarks(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Watermark> last(String source, RecordKind kind) {
        return dsl.select(SOURCE_WATERMARK.VALUE_TYPE, SOURCE_WATERMARK.WATERMARK_VALUE)
                .from(SOURCE_WATERMARK)
                .where(SOURCE_WATERMARK.SOURCE_NAME.eq(source), SOURCE_WATERMARK.RECORD_KIND.eq(kind.name()))
                .fetchOptional(row -> new Watermark(Watermark.Type.valueOf(row.value1()), row.value2()));
    }

    /** Moves the watermarks of {@code source} to {@code reached}, all in one transaction. */
    void advance(String source, Map<RecordKind, Watermark> reached) {
        Instant now = Instant.now();
        dsl.transaction(tx -> reached.forEach((kind, watermark) -> tx.dsl()
                .insertInto(SOURCE_WATERMARK)
                .set(SOURCE_WATERMARK.SOURCE_NAME, source)
                .set(SOURCE_WATERMARK.RECORD_KIND, kind.name())
                .set(SOURCE_WATERMARK.VALUE_TYPE, watermark.type().name())
                .set(SOURCE_WATERMARK.WATERMARK_VALUE, watermark.value())
                .set(SOURCE_WATERMARK.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(SOURCE_WATERMARK.VALUE_TYPE, watermark.type().name())
                .set(SOURCE_WATERMARK.WATERMARK_VALUE, watermark.value())
                .set(SOURCE_WATERMARK.UPDATED_AT, now)
                .execute()));
    }
}
