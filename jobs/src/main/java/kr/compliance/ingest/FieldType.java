package kr.compliance.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import kr.compliance.store.Timestamps;

/**
 * How one source field is read (docs/formats.md): text exactly as given, ids trimmed, timestamps with or
 * without an offset, case-insensitive enumerations, several boolean spellings, bounded decimals
 * and counts. {@link #parse} returns the stored value or throws {@link BadValue} with a reason.
 */
sealed interface FieldType {

    Object parse(String raw, ZoneId sourceZone);

    /** Text stored exactly as given, Korean included. */
    record Text() implements FieldType {
        @Override
        public Object parse(String raw, ZoneId sourceZone) {
            return raw;
        }
    }

    /** An id: compared and stored trimmed. */
    record Id() implements FieldType {
        @Override
        public Object parse(String raw, ZoneId sourceZone) {
            return raw.strip();
        }
    }

    /**
     * A timestamp in the one form of the system ({@link Timestamps}), within the years the store's
     * DATETIME columns keep (1000 to 9999 in UTC): one outside would fail the whole load.
     */
    record Timestamp() implements FieldType {
        private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
        private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

        @Override
        public Object parse(String raw, ZoneId sourceZone) {
            Instant instant;
            try {
                instant = Timestamps.parse(raw, sourceZone);
            } catch (IllegalArgumentException e) {
                throw new BadValue(e.getMessage());
            }
            if (instant.isBefore(EARLIEST) || !instant.isBefore(END)) {
                throw new BadValue("'" + raw + "' is outside the years 1000 to 9999 (UTC) the store keeps");
            }
            return instant;
        }
    }

    /** One of a fixed set, case-insensitive on input, upper-case when stored. */
    record Enumeration(List<String> values) implements FieldType {
        Enumeration(String... values) {
            this(List.of(values));
        }

        @Override
        public Object parse(String raw, ZoneId sourceZone) {
            String value = raw.strip().toUpperCase(Locale.ROOT);
            if (!values.contains(value)) {
                throw new BadValue("'" + raw + "' is not one of " + String.join(", ", values));
            }
            return value;
        }
    }

    /** {@code true/false}, {@code yes/no}, {@code 1/0}, {@code Y/N}. */
    record Bool() implements FieldType {
        @Override
        public Object parse(String raw, ZoneId sourceZone) {
            return switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "y" -> Boolean.TRUE;
                case "false", "no", "0", "n" -> Boolean.FALSE;
                default -> throw new BadValue("'" + raw + "' is not a boolean (true/false, yes/no, 1/0, Y/N)");
            };
        }
    }

    /** A decimal within {@code [min, max]}, at most 12 decimal places (the stored precision). */
    record Decimal(BigDecimal min, BigDecimal max) implements FieldType {
        Decimal(int min, int max) {
            this(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        }

        @Override
        public Object parse(String raw, ZoneId sourceZone) {
            BigDecimal value;
            try {
                value = new BigDecimal(raw.strip());
            } catch (NumberFormatException e) {
                throw new BadValue("'" + raw + "' is not a decimal number");
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new BadValue(raw.strip() + " is outside " + min + ".." + max);
            }
            if (value.stripTrailingZeros().scale() > 12) {
                throw new BadValue(raw.strip() + " has more than 12 decimal places");
            }
            return value;
        }
    }

    /** A whole number >= 0. */
    record Count() implements FieldType {
        @Override
        public Object parse(String raw, ZoneId sourceZone) {
            long value;
            try {
                value = Long.parseLong(raw.strip());
            } catch (NumberFormatException e) {
                throw new BadValue("'" + raw + "' is not a whole number");
            }
            if (value < 0) {
                throw new BadValue(value + " is negative");
            }
            return value;
        }
    }

    /** A value that cannot be read; the message is the reason a person reads. */
    final class BadValue extends RuntimeException {
        BadValue(String reason) {
            super(reason, null, false, false);
        }
    }
}
