package io.apollo.samples.control;

import io.apollo.persistence.control.DatabaseVendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * The minutes table (db/migration V3): per series and minute since the epoch, the count of samples
 * and of numbers, the numbers' exact sum, minimum and maximum, and the first and last sample
 * times. Aggregates whose buckets are whole minutes read it instead of every sample
 * ({@link SampleStore#aggregate}). It is kept exact in the transaction that writes or deletes
 * samples: the minutes a statement touched are recomputed from the samples ({@link #refresh}).
 */
final class SampleMinutes {

    static final long SECONDS = 60;

    /** Touched minutes at most this far apart are recomputed as one range: fewer statements. */
    private static final long JOINED_GAP = 10;

    private static final String DELETE = "DELETE FROM sample_minutes WHERE series_key = ? AND epoch_minute >= ?"
            + " AND epoch_minute < ?";

    /** The minute of a sample's time, as SQL computes it from {@code sample_time}. */
    static final String MINUTE_OF_SAMPLE = "FLOOR(EXTRACT(EPOCH FROM sample_time) / " + SECONDS + ")";

    private SampleMinutes() {
    }

    /** A sample's value as an exact decimal, or null when it is a string (H2's DECFLOAT, PostgreSQL's NUMERIC). */
    static String number(DatabaseVendor vendor) {
        return "CASE WHEN value_is_number THEN CAST(value_text AS " + switch (vendor) {
            case H2 -> "DECFLOAT";
            case POSTGRESQL -> "NUMERIC";
        } + ") END";
    }

    private static String recompute(DatabaseVendor vendor) {
        String number = number(vendor);
        return "INSERT INTO sample_minutes (series_key, epoch_minute, sample_count, number_count, number_sum,"
                + " number_min, number_max, first_time, last_time) SELECT series_key, " + MINUTE_OF_SAMPLE
                + ", COUNT(*), COUNT(CASE WHEN value_is_number THEN 1 END), SUM(" + number + "), MIN(" + number
                + "), MAX(" + number + "), MIN(sample_time), MAX(sample_time) FROM samples WHERE series_key = ?"
                + " AND sample_time >= ? AND sample_time < ? GROUP BY series_key, " + MINUTE_OF_SAMPLE;
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
     * key): their rows are deleted and written anew, or not at all when no sample is left in them.
     */
    static void refresh(Connection connection, DatabaseVendor vendor,
            Map<Integer, ? extends Collection<OffsetDateTime>> touched) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE);
                PreparedStatement recompute = connection.prepareStatement(recompute(vendor))) {
            for (Map.Entry<Integer, ? extends Collection<OffsetDateTime>> series : touched.entrySet()) {
                TreeSet<Long> minutes = new TreeSet<>();
                series.getValue().forEach(time -> minutes.add(minuteOf(time)));
                Long first = null;
                long last = 0;
                for (long minute : minutes) {
                    if (first != null && minute - last > JOINED_GAP) {
                        add(delete, recompute, series.getKey(), first, last);
                        first = null;
                    }
                    if (first == null) {
                        first = minute;
                    }
                    last = minute;
                }
                if (first != null) {
                    add(delete, recompute, series.getKey(), first, last);
                }
            }
            delete.executeBatch();
            recompute.executeBatch();
        }
    }

    /** The minutes from {@code first} to {@code last}, both included, of one series. */
    private static void add(PreparedStatement delete, PreparedStatement recompute, int seriesKey, long first, long last)
            throws SQLException {
        delete.setInt(1, seriesKey);
        delete.setLong(2, first);
        delete.setLong(3, last + 1);
        delete.addBatch();
        recompute.setInt(1, seriesKey);
        recompute.setObject(2, start(first));
        recompute.setObject(3, start(last + 1));
        recompute.addBatch();
    }

    /**
     * The grouping of an aggregate over minutes {@code [from, to)} of the series the condition
     * selects (parameters: the condition's, then {@code from} and {@code to}): columns series key,
     * bucket index, sample count, number count, and the function's decimal (null for count, first
     * and last), as the grouping of samples gives them.
     */
    static String groups(Aggregate aggregate, CharSequence seriesCondition) {
        // The bucket's index, epoch_minute divided by the bucket's minutes rounded down, in integers
        // (MOD keeps the dividend's sign on both databases; H2 divides by a NUMERIC very slowly).
        long minutes = aggregate.seconds() / SECONDS;
        String bucket = "((epoch_minute - MOD(MOD(epoch_minute, " + minutes + ") + " + minutes + ", " + minutes
                + ")) / " + minutes + ")";
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
