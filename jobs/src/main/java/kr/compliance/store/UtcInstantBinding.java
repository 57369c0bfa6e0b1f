package kr.compliance.store;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.ContextConverter;
import org.jooq.Converter;
import org.jooq.impl.DefaultBinding;

/**
 * How every DATETIME column (a UTC instant, {@link UtcInstantConverter}) is bound and read: as the
 * driver's {@link LocalDateTime}, the UTC wall-clock time itself, whatever the JVM's zone. jOOQ's
 * own binding goes through a {@link java.sql.Timestamp} in the JVM's zone, which the driver then
 * moves to the connection's zone (UTC): on a machine set to Asia/Seoul every time a statement
 * bound was stored nine hours early, while the drops' loads stored them right, and the same
 * quarter scored differently than on a UTC machine. It also cost two calendars per value read, a
 * tenth of a pack's reading time. Rendering SQL is jOOQ's own.
 */
public final class UtcInstantBinding implements Binding<LocalDateTime, Instant> {

    // jOOQ asks a binding's converter for the context-aware kind
    private static final ContextConverter<LocalDateTime, Instant> CONVERTER =
            ContextConverter.scoped(new UtcInstantConverter());
    private static final Binding<LocalDateTime, Instant> STANDARD = DefaultBinding.binding(CONVERTER);

    @Override
    public Converter<LocalDateTime, Instant> converter() {
        return CONVERTER;
    }

    @Override
    public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
        ctx.value(CONVERTER.from(ctx.resultSet().getObject(ctx.index(), LocalDateTime.class)));
    }

    @Override
    public void sql(BindingSQLContext<Instant> ctx) throws SQLException {
        STANDARD.sql(ctx);
    }

    @Override
    public void register(BindingRegisterContext<Instant> ctx) throws SQLException {
        STANDARD.register(ctx);
    }

    @Override
    public void set(BindingSetStatementContext<Instant> ctx) throws SQLException {
        if (ctx.value() == null) {
            ctx.statement().setNull(ctx.index(), Types.TIMESTAMP);
        } else {
            ctx.statement().setObject(ctx.index(), CONVERTER.to(ctx.value()));
        }
    }

    @Override
    public void set(BindingSetSQLOutputContext<Instant> ctx) throws SQLException {
        STANDARD.set(ctx);
    }

    @Override
    public void get(BindingGetStatementContext<Instant> ctx) throws SQLException {
        STANDARD.get(ctx);
    }

    @Override
    public void get(BindingGetSQLInputContext<Instant> ctx) throws SQLException {
        STANDARD.get(ctx);
    }
}
