package io.apollo.samples.control;

import io.apollo.persistence.control.DatabaseVendor;
import io.apollo.samples.entity.Sample;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every SQL statement on samples and on the device row that guards them, run by plain JDBC inside
 * the caller's JTA transaction, on the persistence context's own connection. The one place that
 * knows the samples table's columns and tells H2's SQL from PostgreSQL's.
 *
 * <p>Why JDBC and not JPA: a batch is one JDBC batch of upserts on the primary key (H2's
 * {@code MERGE ... KEY}, PostgreSQL's {@code INSERT ... ON CONFLICT DO UPDATE}), each one probe of
 * the key however large the table; persisting entity by entity cost a lookup and a statement per
 * sample besides (about 5× slower). EclipseLink prepares a locking find anew on every call. And
 * EclipseLink binds an {@code OffsetDateTime} parameter as a {@code java.sql.Timestamp}, which H2
 * reads in the JVM's time zone, off by an hour in the hour a clock change repeats; JDBC's
 * {@code setObject(OffsetDateTime)} is exact.
 */
@Dependent
public class SampleStore {

    static final String LOCK_DEVICE = "SELECT collection_id FROM devices WHERE device_id = ? FOR UPDATE";
    static final String DELETE_DEVICE = "DELETE FROM devices WHERE device_id = ?";
    static final String FIRST_DEVICES = "SELECT device_id FROM devices ORDER BY device_id LIMIT ?";
    static final String NEXT_DEVICES = "SELECT device_id FROM devices WHERE device_id > ? ORDER BY device_id LIMIT ?";
    static final String MERGE = "MERGE INTO samples (value_text, value_is_number, ingested_at, device_id, timeseries_id,"
            + " metric, sample_time) KEY (device_id, timeseries_id, sample_time, metric) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ON_CONFLICT = "INSERT INTO samples (value_text, value_is_number, ingested_at, device_id,"
            + " timeseries_id, metric, sample_time) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, timeseries_id,"
            + " sample_time, metric) DO UPDATE SET value_text = EXCLUDED.value_text,"
            + " value_is_number = EXCLUDED.value_is_number, ingested_at = EXCLUDED.ingested_at";

    @PersistenceContext
    EntityManager em;

    @Inject
    DatabaseVendor vendor;

    /**
     * Locks a device's row for the caller's transaction ({@code SELECT ... FOR UPDATE}), so that
     * batches of one device are written one after the other, whichever instance receives them.
     *
     * @return the locked device's collection, or empty when there is no such device (nothing locked)
     */
    public Optional<String> lockDevice(String deviceId) {
        return run("Locking device " + deviceId, connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_DEVICE)) {
                lock.setString(1, deviceId);
                try (ResultSet device = lock.executeQuery()) {
                    return device.next() ? Optional.of(device.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Writes a batch of a device the caller has locked ({@link #lockDevice}), so that no other
     * transaction writes the same keys at the same time. A key written again gets the new value.
     */
    public void upsert(String deviceId, List<ValidSample> samples, OffsetDateTime ingestedAt) {
        Collection<ValidSample> latest = lastOccurrences(samples);
        run("Storing " + samples.size() + " samples of device " + deviceId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(switch (vendor) {
                case H2 -> MERGE;
                case POSTGRESQL -> INSERT_ON_CONFLICT;
            })) {
                for (ValidSample sample : latest) {
                    // Both statements take the same parameters in the same order.
                    upsert.setString(1, sample.value());
                    upsert.setBoolean(2, sample.numeric());
                    upsert.setObject(3, ingestedAt);
                    upsert.setString(4, deviceId);
                    upsert.setString(5, sample.timeseriesId());
                    upsert.setString(6, sample.metric());
                    upsert.setObject(7, sample.timestamp());
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            }
        });
    }

    /** Within one batch the last occurrence of a key wins (docs/api.md §4). */
    static Collection<ValidSample> lastOccurrences(List<ValidSample> samples) {
        Map<Key, ValidSample> latest = new LinkedHashMap<>();
        for (ValidSample sample : samples) {
            latest.put(new Key(sample.timeseriesId(), sample.metric(), sample.timestamp()), sample);
        }
        return latest.values();
    }

    private record Key(String timeseriesId, String metric, OffsetDateTime timestamp) {
    }

    /**
     * At most {@code max} samples of the query, after {@code cursor} when it is not null, in the
     * total order (timestamp, timeseries, metric), ascending or descending.
     *
     * <p>Each SQL query's ORDER BY matches an index column for column (db/migration): for one
     * timeseries (device, timeseries, timestamp, metric), the same order once the timeseries is
     * fixed; for the whole device (device, timestamp, timeseries, metric). The database reads the
     * index in order from the cursor and stops at the page's end, so a page reads about as many
     * rows as it returns, however long the device's history. Several timeseries are read one by
     * one and merged: a list in one query would read all of them and sort.
     */
    public List<Sample> find(SampleQuery query, Cursor cursor, int max) {
        return run("Reading samples of device " + query.deviceId(), connection -> {
            if (query.timeseriesIds().isEmpty()) {
                return find(connection, query, null, cursor, max);
            }
            List<Sample> merged = new ArrayList<>();
            for (String timeseriesId : query.timeseriesIds()) {
                merged.addAll(find(connection, query, timeseriesId, cursor, max));
            }
            merged.sort(order(query));
            return List.copyOf(merged.subList(0, Math.min(max, merged.size())));
        });
    }

    static Comparator<Sample> order(SampleQuery query) {
        Comparator<Sample> ascending = Comparator.comparing((Sample s) -> s.timestamp().toInstant())
                .thenComparing(Sample::timeseriesId)
                .thenComparing(Sample::metric);
        return query.descending() ? ascending.reversed() : ascending;
    }

    private static List<Sample> find(Connection connection, SampleQuery query, String timeseriesId, Cursor cursor,
            int max) throws SQLException {
        String after = query.descending() ? "<" : ">";
        String direction = query.descending() ? " DESC" : "";
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT timeseries_id, metric, sample_time, value_text, value_is_number,"
                + " ingested_at FROM samples WHERE ");
        where(query, timeseriesId == null ? query.timeseriesIds() : Set.of(timeseriesId), sql, parameters);
        if (cursor != null) {
            // The first condition bounds the index range; the rest only sorts out the rows that
            // share the cursor's timestamp.
            sql.append(" AND sample_time ").append(after).append("= ?")
                    .append(" AND (sample_time ").append(after).append(" ?")
                    .append(" OR timeseries_id ").append(after).append(" ?")
                    .append(" OR (timeseries_id = ? AND metric ").append(after).append(" ?))");
            parameters.addAll(List.of(cursor.timestamp(), cursor.timestamp(), cursor.timeseriesId(),
                    cursor.timeseriesId(), cursor.metric()));
        }
        sql.append(timeseriesId != null
                ? " ORDER BY device_id, timeseries_id, sample_time" + direction + ", metric" + direction
                : " ORDER BY device_id, sample_time" + direction + ", timeseries_id" + direction + ", metric" + direction);
        sql.append(" LIMIT ?");
        parameters.add(max);

        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            List<Sample> samples = new ArrayList<>(max);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    samples.add(new Sample(rows.getString(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class),
                            rows.getString(4), rows.getBoolean(5), rows.getObject(6, OffsetDateTime.class)));
                }
            }
            return samples;
        }
    }

    /**
     * Deletes at most {@code max} of the samples the filter matches (its device, timeseries,
     * metric and time range; order and paging do not apply), of a device the caller has locked
     * ({@link #lockDevice}), so that no other transaction writes or deletes its samples meanwhile.
     *
     * @return how many it deleted: fewer than {@code max} when no more match
     */
    public int delete(SampleQuery filter, int max) {
        return run("Deleting samples of device " + filter.deviceId(), connection -> {
            List<Object> parameters = new ArrayList<>();
            StringBuilder where = new StringBuilder();
            where(filter, filter.timeseriesIds(), where, parameters);
            parameters.add(max);
            // H2 limits a DELETE itself; PostgreSQL deletes the rows a limited SELECT found, by
            // their physical address (ctid): no other transaction can move them, since every
            // writer of the device's samples holds its lock.
            StringBuilder sql = new StringBuilder(switch (vendor) {
                case H2 -> "DELETE FROM samples WHERE " + where + " FETCH FIRST ? ROWS ONLY";
                case POSTGRESQL -> "DELETE FROM samples WHERE ctid = ANY(ARRAY(SELECT ctid FROM samples WHERE " + where
                        + " LIMIT ?))";
            });
            try (PreparedStatement delete = prepare(connection, sql, parameters)) {
                return delete.executeUpdate();
            }
        });
    }

    /** Deletes a device's row, which its caller has locked and whose samples it has deleted. */
    public void deleteDevice(String deviceId) {
        run("Deleting device " + deviceId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_DEVICE)) {
                delete.setString(1, deviceId);
                return delete.executeUpdate();
            }
        });
    }

    /** Up to {@code max} device ids after {@code after} (null: from the first), in order. */
    public List<String> deviceIds(String after, int max) {
        return run("Listing devices", connection -> {
            try (PreparedStatement list = connection.prepareStatement(after == null ? FIRST_DEVICES : NEXT_DEVICES)) {
                int parameter = 1;
                if (after != null) {
                    list.setString(parameter++, after);
                }
                list.setInt(parameter, max);
                List<String> ids = new ArrayList<>(max);
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /** The filter's conditions: the device, the timeseries (none: all of them), the metric, the time range. */
    private static void where(SampleQuery filter, Set<String> timeseriesIds, StringBuilder sql, List<Object> parameters) {
        sql.append("device_id = ?");
        parameters.add(filter.deviceId());
        if (!timeseriesIds.isEmpty()) {
            sql.append(timeseriesIds.size() == 1 ? " AND timeseries_id = ?"
                    : " AND timeseries_id IN (" + String.join(", ", Collections.nCopies(timeseriesIds.size(), "?")) + ")");
            parameters.addAll(timeseriesIds);
        }
        if (filter.metric() != null) {
            sql.append(" AND metric = ?");
            parameters.add(filter.metric());
        }
        if (filter.start() != null) {
            sql.append(" AND sample_time >= ?");
            parameters.add(filter.start());
        }
        if (filter.end() != null) {
            sql.append(" AND sample_time < ?");
            parameters.add(filter.end());
        }
    }

    private static PreparedStatement prepare(Connection connection, CharSequence sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    /** Work on the transaction's connection, which the persistence context owns: used, never closed, here. */
    private <T> T run(String what, Work<T> work) {
        try {
            return work.on(em.unwrap(Connection.class));
        } catch (SQLException failure) {
            throw new IllegalStateException(what + " failed", failure);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }
}
