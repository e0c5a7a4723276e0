package io.apollo.samples.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch inside the caller's JTA transaction (the connection is the persistence
 * context's own) as two JDBC batches of plain statements on the primary key: an UPDATE of every
 * sample, then an INSERT of those no row matched. Each statement is one probe of the primary
 * key, however large the table, and plans the same way on every database. Persisting entity by
 * entity would cost a lookup and a statement per sample besides.
 *
 * <p>The caller holds the device's row lock, so no other transaction inserts the same keys
 * between the two batches.
 */
@Dependent
public class SampleStore {

    static final String UPDATE = "UPDATE samples SET value_text = ?, value_is_number = ?, ingested_at = ? "
            + "WHERE device_id = ? AND timeseries_id = ? AND metric = ? AND sample_time = ?";
    static final String INSERT = "INSERT INTO samples (value_text, value_is_number, ingested_at, "
            + "device_id, timeseries_id, metric, sample_time) VALUES (?, ?, ?, ?, ?, ?, ?)";

    @PersistenceContext
    EntityManager em;

    public void upsert(String deviceId, List<ValidSample> samples, OffsetDateTime ingestedAt) {
        Collection<ValidSample> latest = lastOccurrences(samples);
        // Owned by the persistence context for the transaction: used, not closed, here.
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement update = connection.prepareStatement(UPDATE);
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ValidSample sample : latest) {
                bind(update, deviceId, sample, ingestedAt);
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            List<ValidSample> created = new ArrayList<>();
            int index = 0;
            for (ValidSample sample : latest) {
                if (updated[index++] == 0) {
                    created.add(sample);
                }
            }
            for (ValidSample sample : created) {
                bind(insert, deviceId, sample, ingestedAt);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException failure) {
            throw new IllegalStateException("Storing " + samples.size() + " samples of device " + deviceId
                    + " failed", failure);
        }
    }

    /** Within one batch the last occurrence of a key wins (SPEC §4). */
    static Collection<ValidSample> lastOccurrences(List<ValidSample> samples) {
        Map<Key, ValidSample> latest = new LinkedHashMap<>();
        for (ValidSample sample : samples) {
            latest.put(new Key(sample.timeseriesId(), sample.metric(), sample.timestamp()), sample);
        }
        return latest.values();
    }

    /** Both statements take the same parameters in the same order. */
    private static void bind(PreparedStatement statement, String deviceId, ValidSample sample,
            OffsetDateTime ingestedAt) throws SQLException {
        statement.setString(1, sample.value());
        statement.setBoolean(2, sample.numeric());
        statement.setObject(3, ingestedAt);
        statement.setString(4, deviceId);
        statement.setString(5, sample.timeseriesId());
        statement.setString(6, sample.metric());
        statement.setObject(7, sample.timestamp());
    }

    private record Key(String timeseriesId, String metric, OffsetDateTime timestamp) {
    }
}
