package kr.compliance.schedule;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Inserts a row and returns its AUTO_INCREMENT id. jOOQ renders MariaDB's {@code INSERT ...
 * RETURNING}, which MySQL Connector/J refuses to run as a query; {@code LAST_INSERT_ID()} on the
 * same connection (one transaction) works on MySQL and MariaDB alike.
 */
final class GeneratedIds {

    private GeneratedIds() {}

    static long insert(DSLContext dsl, Function<DSLContext, Query> insert) {
        return dsl.transactionResult(transaction -> {
            insert.apply(transaction.dsl()).execute();
            return transaction.dsl().lastID().longValue();
        });
    }
}
