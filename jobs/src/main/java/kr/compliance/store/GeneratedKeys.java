package kr.compliance.store;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Insert;

/**
 * Inserts a row and returns its AUTO_INCREMENT id. jOOQ renders {@code INSERT ... RETURNING} for
 * MariaDB, which Connector/J cannot run as a query, so the id is read with {@code LAST_INSERT_ID()}
 * on the same connection instead: portable to MySQL and MariaDB alike.
 */
public final class GeneratedKeys {

    private GeneratedKeys() {}

    public static long insert(DSLContext dsl, Function<DSLContext, Insert<?>> insert) {
        return dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            insert.apply(tx).execute();
            return tx.lastID().longValue();
        });
    }
}
