package io.apollo.samples.control;

import io.apollo.samples.entity.Sample;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads samples in the total order (timestamp, timeseries, metric), ascending or descending,
 * starting after a cursor. Each SQL query's ORDER BY matches an index column for column
 * (db/migration): for one timeseries (device, timeseries, timestamp, metric), the same order once
 * the timeseries is fixed; for the whole device (device, timestamp, timeseries, metric). The
 * database reads the index in order from the cursor and stops at the page's end, so a page reads
 * about as many rows as it returns, however long the device's history. Several timeseries are
 * read one by one and merged: a list in one query would read all of them and sort.
 *
 * <p>Plain JDBC with {@code setObject(OffsetDateTime)}: EclipseLink binds an OffsetDateTime
 * parameter as a java.sql.Timestamp, which H2 reads in the JVM's time zone, off by an hour in
 * the hour a clock change repeats.
 */
@Dependent
public class SampleFinder {

    @PersistenceContext
    EntityManager em;

    /** At most {@code max} samples of the query, after {@code cursor} when it is not null. */
    public List<Sample> find(SampleQuery query, Cursor cursor, int max) {
        // Owned by the persistence context for the transaction: used, not closed, here.
        Connection connection = em.unwrap(Connection.class);
        try {
            if (query.timeseriesIds().isEmpty()) {
                return read(connection, query, null, cursor, max);
            }
            List<Sample> merged = new ArrayList<>();
            for (String timeseriesId : query.timeseriesIds()) {
                merged.addAll(read(connection, query, timeseriesId, cursor, max));
            }
            merged.sort(order(query));
            return List.copyOf(merged.subList(0, Math.min(max, merged.size())));
        } catch (SQLException failure) {
            throw new IllegalStateException("Reading samples of device " + query.deviceId() + " failed", failure);
        }
    }

    static Comparator<Sample> order(SampleQuery query) {
        Comparator<Sample> ascending = Comparator.comparing((Sample s) -> s.timestamp().toInstant())
                .thenComparing(Sample::timeseriesId)
                .thenComparing(Sample::metric);
        return query.descending() ? ascending.reversed() : ascending;
    }

    private static List<Sample> read(Connection connection, SampleQuery query, String timeseriesId, Cursor cursor,
            int max) throws SQLException {
        String after = query.descending() ? "<" : ">";
        String direction = query.descending() ? " DESC" : "";
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT device_id, timeseries_id, metric, sample_time, value_text, "
                + "value_is_number, ingested_at FROM samples WHERE device_id = ?");
        parameters.add(query.deviceId());
        if (timeseriesId != null) {
            sql.append(" AND timeseries_id = ?");
            parameters.add(timeseriesId);
        }
        if (query.metric() != null) {
            sql.append(" AND metric = ?");
            parameters.add(query.metric());
        }
        if (query.start() != null) {
            sql.append(" AND sample_time >= ?");
            parameters.add(query.start());
        }
        if (query.end() != null) {
            sql.append(" AND sample_time < ?");
            parameters.add(query.end());
        }
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

        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<Sample> samples = new ArrayList<>(max);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    samples.add(new Sample(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getString(5), rows.getBoolean(6),
                            rows.getObject(7, OffsetDateTime.class)));
                }
            }
            return samples;
        }
    }
}
