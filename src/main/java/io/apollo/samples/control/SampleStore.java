package io.apollo.samples.control;

import io.apollo.persistence.control.DatabaseVendor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch inside the caller's JTA transaction (the connection is the persistence
 * context's own) as one JDBC batch of upserts on the primary key: H2's {@code MERGE ... KEY},
 * PostgreSQL's {@code INSERT ... ON CONFLICT DO UPDATE}. Each statement is one probe of the
 * primary key, however large the table. Persisting entity by entity would cost a lookup and a
 * statement per sample besides.
 *
 * <p>The caller holds the device's row lock, so no other transaction writes the same keys at
 * the same time.
 */
@Dependent
public class SampleStore {

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

    public void upsert(String deviceId, List<ValidSample> samples, OffsetDateTime ingestedAt) {
        Collection<ValidSample> latest = lastOccurrences(samples);
        // Owned by the persistence context for the transaction: used, not closed, here.
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement upsert = connection.prepareStatement(upsert())) {
            for (ValidSample sample : latest) {
                bind(upsert, deviceId, sample, ingestedAt);
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException failure) {
            throw new IllegalStateException("Storing " + samples.size() + " samples of device " + deviceId
                    + " failed", failure);
        }
    }

    private String upsert() {
        return switch (vendor) {
            case H2 -> MERGE;
            case POSTGRESQL -> INSERT_ON_CONFLICT;
        };
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
