package io.apollo.samples.control;

import io.apollo.persistence.control.DatabaseVendor;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The minutes table (db/migration V3): per series and minute since the epoch, the count of samples
 * and of numbers, the numbers' exact sum, minimum and maximum, and the first and last sample
 * times. Aggregates whose buckets are whole minutes read it instead of every sample
 * ({@link SampleStore#aggregate}). It is kept exact in the transaction that writes or deletes
 * samples: on PostgreSQL the minutes of a batch whose samples are all new are computed from the
 * batch ({@link NewMinutes}) and added by the statement that inserts the samples
 * ({@link #addNew}); otherwise the minutes a statement touched are recomputed from the samples
 * ({@link #refresh}).
 */
final class SampleMinutes {

    static final long SECONDS = 60;

    /** Touched minutes at most this far apart are recomputed as one range: fewer statements. */
    private static final long JOINED_GAP = 10;

    /** The table's columns, in the order {@link #grouped} gives them. */
    private static final String COLUMNS = " (series_key, epoch_minute, sample_count, number_count, number_sum,"
            + " number_min, number_max, first_time, last_time) ";

    private static final String DELETE = "DELETE FROM sample_minutes WHERE series_key = ? AND epoch_minute >= ?"
            + " AND epoch_minute < ?";

    /** H2: the epoch, the start of the units {@code DATEDIFF} counts to a sample's time in UTC. */
    private static final String H2_EPOCH = "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'";

    private SampleMinutes() {
    }

    /** A sample's value as an exact decimal, or null when it is a string (H2's DECFLOAT, PostgreSQL's NUMERIC). */
    static String number(DatabaseVendor vendor) {
        return "CASE WHEN value_is_number THEN CAST(value_text AS " + switch (vendor) {
            case H2 -> "DECFLOAT";
            case POSTGRESQL -> "NUMERIC";
        } + ") END";
    }

    /**
     * The index of a sample's bucket of {@code seconds} since the epoch (floor of its time in
     * seconds since the epoch divided by {@code seconds}), as SQL computes it from
     * {@code sample_time}. H2 counts the minutes, or seconds, from the epoch to the time in UTC in
     * integers ({@code DATEDIFF} counts the boundaries crossed: the floor, before 1970 too); its
     * {@code EXTRACT(EPOCH ...)} is a {@code BigDecimal}, and the minute from it took 3 µs a sample,
     * 20 times as long (docs/performance.md). PostgreSQL's {@code EXTRACT(EPOCH ...)} is exact.
     */
    static String bucketOfSample(DatabaseVendor vendor, long seconds) {
        return switch (vendor) {
            case H2 -> seconds == SECONDS ? "DATEDIFF(MINUTE, " + H2_EPOCH + ", sample_time AT TIME ZONE 'UTC')"
                    : floorDiv("DATEDIFF(SECOND, " + H2_EPOCH + ", sample_time AT TIME ZONE 'UTC')", seconds);
            case POSTGRESQL -> "FLOOR(EXTRACT(EPOCH FROM sample_time) / " + seconds + ")";
        };
    }

    /**
     * An integer expression divided by a positive divisor, rounded down, in integers ({@code MOD}
     * keeps the dividend's sign on both databases; H2 divides by a NUMERIC very slowly).
     */
    private static String floorDiv(String dividend, long divisor) {
        return "((" + dividend + " - MOD(MOD(" + dividend + ", " + divisor + ") + " + divisor + ", " + divisor
                + ")) / " + divisor + ")";
    }

    /**
     * PostgreSQL: adds the minutes of a batch's new samples, computed here ({@link NewMinutes},
     * nine array parameters), to the table when {@code condition} holds: counts and sums added,
     * bounds widened. As exact as a recomputation: NUMERIC sums are exact, and
     * {@code LEAST}/{@code GREATEST} skip nulls.
     */
    static String addNew(String condition) {
        return "INSERT INTO sample_minutes" + COLUMNS + "SELECT * FROM unnest(CAST(? AS INTEGER[]), CAST(? AS BIGINT[]),"
                + " CAST(? AS INTEGER[]), CAST(? AS INTEGER[]), CAST(CAST(? AS TEXT[]) AS NUMERIC[]),"
                + " CAST(CAST(? AS TEXT[]) AS NUMERIC[]), CAST(CAST(? AS TEXT[]) AS NUMERIC[]),"
                + " CAST(CAST(? AS TEXT[]) AS TIMESTAMP WITH TIME ZONE[]), CAST(CAST(? AS TEXT[]) AS TIMESTAMP WITH"
                + " TIME ZONE[])) WHERE " + condition
                + " ON CONFLICT (series_key, epoch_minute) DO UPDATE SET"
                + " sample_count = sample_minutes.sample_count + EXCLUDED.sample_count,"
                + " number_count = sample_minutes.number_count + EXCLUDED.number_count,"
                + " number_sum = COALESCE(sample_minutes.number_sum + EXCLUDED.number_sum, sample_minutes.number_sum,"
                + " EXCLUDED.number_sum),"
                + " number_min = LEAST(sample_minutes.number_min, EXCLUDED.number_min),"
                + " number_max = GREATEST(sample_minutes.number_max, EXCLUDED.number_max),"
                + " first_time = LEAST(sample_minutes.first_time, EXCLUDED.first_time),"
                + " last_time = GREATEST(sample_minutes.last_time, EXCLUDED.last_time)";
    }

    /**
     * The minutes of samples as a grouping of them by series and minute computes them ({@link
     * #grouped}), computed in Java from the samples as sent: the database then writes a row a
     * minute instead of casting and grouping every sample (docs/performance.md, "The minutes of
     * new samples on PostgreSQL"). A number's exact decimal is its text's {@link BigDecimal}, as
     * PostgreSQL's {@code NUMERIC} reads it; trailing zeros may differ, which aggregates drop.
     */
    static final class NewMinutes {

        private final Map<MinuteKey, Minute> minutes = new LinkedHashMap<>();

        /** Adds a sample of the series with this key; a batch holds each key once. */
        void add(int seriesKey, ValidSample sample) {
            long minute = minuteOf(sample.timestamp());
            minutes.computeIfAbsent(new MinuteKey(seriesKey, minute), key -> new Minute(seriesKey, minute)).add(sample);
        }

        private record MinuteKey(int seriesKey, long minute) {
        }

        List<Minute> minutes() {
            return List.copyOf(minutes.values());
        }

        /** Binds the nine arrays of {@link #addNew} from parameter {@code first} on: decimals and times as text. */
        void bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
            Object[][] columns = new Object[9][minutes.size()];
            int row = 0;
            for (Minute minute : minutes.values()) {
                columns[0][row] = minute.seriesKey;
                columns[1][row] = minute.minute;
                columns[2][row] = minute.count;
                columns[3][row] = minute.numbers;
                columns[4][row] = text(minute.sum);
                columns[5][row] = text(minute.min);
                columns[6][row] = text(minute.max);
                // ISO-8601 in UTC with its offset: PostgreSQL reads it exactly, whatever the session's zone.
                columns[7][row] = minute.first.withOffsetSameInstant(ZoneOffset.UTC).toString();
                columns[8][row++] = minute.last.withOffsetSameInstant(ZoneOffset.UTC).toString();
            }
            String[] types = {"integer", "bigint", "integer", "integer", "text", "text", "text", "text", "text"};
            for (int column = 0; column < columns.length; column++) {
                statement.setArray(first + column, connection.createArrayOf(types[column], columns[column]));
            }
        }

        private static String text(BigDecimal number) {
            return number == null ? null : number.toString();
        }
    }

    /** One series' minute of {@link NewMinutes}: what a row of the table holds. */
    static final class Minute {

        final int seriesKey;
        final long minute;
        int count;
        int numbers;
        BigDecimal sum;
        BigDecimal min;
        BigDecimal max;
        OffsetDateTime first;
        OffsetDateTime last;

        private Minute(int seriesKey, long minute) {
            this.seriesKey = seriesKey;
            this.minute = minute;
        }

        private void add(ValidSample sample) {
            count++;
            first = first == null || sample.timestamp().isBefore(first) ? sample.timestamp() : first;
            last = last == null || sample.timestamp().isAfter(last) ? sample.timestamp() : last;
            if (sample.numeric()) {
                BigDecimal number = new BigDecimal(sample.value());
                numbers++;
                sum = sum == null ? number : sum.add(number);
                min = min == null || number.compareTo(min) < 0 ? number : min;
                max = max == null || number.compareTo(max) > 0 ? number : max;
            }
        }
    }

    /** The minutes of these samples (a table expression with the samples table's columns), as columns of the table. */
    private static String grouped(DatabaseVendor vendor, String samples) {
        // Each sample's minute and number computed once, in the derived table, not once an aggregate.
        return "SELECT series_key, epoch_minute, COUNT(*), COUNT(number), SUM(number), MIN(number), MAX(number),"
                + " MIN(sample_time), MAX(sample_time) FROM (SELECT series_key, " + bucketOfSample(vendor, SECONDS)
                + " AS epoch_minute, " + number(vendor) + " AS number, sample_time FROM " + samples
                + " AS touched) AS minutes GROUP BY series_key, epoch_minute";
    }

    /**
     * The minutes of a series in a range, computed from its samples and written over what the
     * table held: H2's {@code MERGE ... KEY}, PostgreSQL's {@code INSERT ... ON CONFLICT}. A minute
     * left without samples keeps its row: only deletes empty minutes, and they delete the rows first.
     * The samples are read with their device's key as well as their series': on Citus a statement
     * with it goes to one shard (docs/operations.md §6.2).
     */
    private static String recompute(DatabaseVendor vendor) {
        String select = grouped(vendor, "(SELECT * FROM samples WHERE device_key = ? AND series_key = ?"
                + " AND sample_time >= ? AND sample_time < ?)");
        return switch (vendor) {
            case H2 -> "MERGE INTO sample_minutes" + COLUMNS + "KEY (series_key, epoch_minute) " + select;
            case POSTGRESQL -> "INSERT INTO sample_minutes" + COLUMNS + select + " ON CONFLICT (series_key,"
                    + " epoch_minute) DO UPDATE SET sample_count = EXCLUDED.sample_count, number_count ="
                    + " EXCLUDED.number_count, number_sum = EXCLUDED.number_sum, number_min = EXCLUDED.number_min,"
                    + " number_max = EXCLUDED.number_max, first_time = EXCLUDED.first_time,"
                    + " last_time = EXCLUDED.last_time";
        };
    }

    static long minuteOf(OffsetDateTime time) {
        return Math.floorDiv(time.toEpochSecond(), SECONDS);
    }

    /** The first minute that starts at or after {@code time}. */
    static long minuteFrom(OffsetDateTime time) {
        long minute = minuteOf(time);
        return start(minute).isBefore(time) ? minute + 1 : minute;
    }

    static OffsetDateTime start(long minute) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.multiplyExact(minute, SECONDS)), ZoneOffset.UTC);
    }

    /**
     * Recomputes, from the samples, the minutes of these sample times, series by series (by series
     * key). After samples were written ({@code deleted} false) each minute has samples and its row
     * is written over; after a delete, the rows are deleted first, so that a minute left without
     * samples has none.
     */
    static void refresh(Connection connection, DatabaseVendor vendor, int deviceKey,
            Map<Integer, ? extends Collection<OffsetDateTime>> touched, boolean deleted) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        List<Range> ranges = new ArrayList<>();
        touched.forEach((seriesKey, times) -> {
            TreeSet<Long> minutes = new TreeSet<>();
            times.forEach(time -> minutes.add(minuteOf(time)));
            long first = minutes.first();
            long last = first;
            for (long minute : minutes.tailSet(first, false)) {
                if (minute - last > JOINED_GAP) {
                    ranges.add(new Range(seriesKey, first, last + 1));
                    first = minute;
                }
                last = minute;
            }
            ranges.add(new Range(seriesKey, first, last + 1));
        });
        if (deleted) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                for (Range range : ranges) {
                    delete.setInt(1, range.seriesKey());
                    delete.setLong(2, range.from());
                    delete.setLong(3, range.to());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        try (PreparedStatement recompute = connection.prepareStatement(recompute(vendor))) {
            for (Range range : ranges) {
                recompute.setInt(1, deviceKey);
                recompute.setInt(2, range.seriesKey());
                recompute.setObject(3, start(range.from()));
                recompute.setObject(4, start(range.to()));
                recompute.addBatch();
            }
            recompute.executeBatch();
        }
    }

    /** The minutes {@code from} (inclusive) to {@code to} of one series. */
    private record Range(int seriesKey, long from, long to) {
    }

    /**
     * The grouping of an aggregate over minutes {@code [from, to)} of the series the condition
     * selects (parameters: the condition's, then {@code from} and {@code to}): columns series key,
     * bucket index, sample count, number count, and the function's decimal (null for count, first
     * and last), as the grouping of samples gives them.
     */
    static String groups(Aggregate aggregate, CharSequence seriesCondition) {
        String bucket = floorDiv("epoch_minute", aggregate.seconds() / SECONDS);
        String value = switch (aggregate.function()) {
            case AVG, SUM -> "SUM(number_sum)";
            case MIN -> "MIN(number_min)";
            case MAX -> "MAX(number_max)";
            case COUNT, FIRST, LAST -> "NULL";
        };
        return "SELECT series_key, " + bucket + ", SUM(sample_count), SUM(number_count), " + value
                + " FROM sample_minutes WHERE " + seriesCondition + " AND epoch_minute >= ? AND epoch_minute < ?"
                + " GROUP BY series_key, " + bucket;
    }
}
