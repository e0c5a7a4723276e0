package io.apollo.samples.control;

import io.apollo.samples.entity.Device;
import io.apollo.samples.entity.Sample;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes a batch as one JDBC batch of standard SQL MERGE statements on the sample key, inside
 * the caller's JTA transaction (the connection is the persistence context's own). Persisting
 * entity by entity costs a lookup per sample; this costs one index probe per sample, however
 * large the table grows. Statements run in batch order, so within a batch the last
 * occurrence of a key wins.
 */
@Dependent
public class SampleStore {

    static final String UPSERT = """
            MERGE INTO samples s
            USING (SELECT CAST(? AS VARCHAR(%d)) AS device_id, CAST(? AS VARCHAR(%d)) AS timeseries_id,
                          CAST(? AS VARCHAR(%d)) AS metric, CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS sample_time,
                          CAST(? AS VARCHAR(%d)) AS value_text, CAST(? AS BOOLEAN) AS value_is_number,
                          CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS ingested_at) k
            ON s.device_id = k.device_id AND s.timeseries_id = k.timeseries_id
               AND s.metric = k.metric AND s.sample_time = k.sample_time
            WHEN MATCHED THEN UPDATE SET value_text = k.value_text, value_is_number = k.value_is_number,
                                         ingested_at = k.ingested_at
            WHEN NOT MATCHED THEN INSERT (device_id, timeseries_id, metric, sample_time, value_text,
                                          value_is_number, ingested_at)
                                  VALUES (k.device_id, k.timeseries_id, k.metric, k.sample_time, k.value_text,
                                          k.value_is_number, k.ingested_at)
            """.formatted(Device.ID_LENGTH, Sample.TIMESERIES_ID_LENGTH, Sample.METRIC_LENGTH, Sample.VALUE_LENGTH);

    @PersistenceContext
    EntityManager em;

    public void upsert(String deviceId, List<ValidSample> samples, OffsetDateTime ingestedAt) {
        // Owned by the persistence context for the transaction: used, not closed, here.
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (ValidSample sample : samples) {
                upsert.setString(1, deviceId);
                upsert.setString(2, sample.timeseriesId());
                upsert.setString(3, sample.metric());
                upsert.setObject(4, sample.timestamp());
                upsert.setString(5, sample.value());
                upsert.setBoolean(6, sample.numeric());
                upsert.setObject(7, ingestedAt);
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException failure) {
            throw new IllegalStateException("Storing " + samples.size() + " samples of device " + deviceId
                    + " failed", failure);
        }
    }
}
