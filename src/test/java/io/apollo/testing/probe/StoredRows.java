package io.apollo.testing.probe;

import io.apollo.samples.entity.Device;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployed with the integration tests only: shows them what the database holds for a device,
 * read through the entities, so they can assert what a request stored (or did not).
 */
@Stateless
@Path("testing/devices/{deviceId}")
@Produces(MediaType.APPLICATION_JSON)
public class StoredRows {

    @PersistenceContext
    EntityManager em;

    public record Stored(boolean exists, String collection, List<Row> samples) {
    }

    public record Row(String timeseriesId, String metric, String timestamp, String value, boolean numeric,
            String ingestedAt) {
    }

    /**
     * Samples by JDBC, so that timestamps come as the database keeps them: H2 with the offset
     * stored, PostgreSQL in UTC (EclipseLink would move them into the JVM's zone).
     */
    @GET
    public Stored device(@PathParam("deviceId") String deviceId) throws SQLException {
        Device device = em.find(Device.class, deviceId);
        List<Row> samples = new ArrayList<>();
        try (PreparedStatement query = em.unwrap(Connection.class).prepareStatement("SELECT r.timeseries_id, r.metric,"
                + " s.sample_time, s.value_text, s.value_is_number, s.ingested_at FROM samples s"
                + " JOIN series r ON r.series_key = s.series_key JOIN devices d ON d.device_key = s.device_key"
                + " WHERE d.device_id = ? ORDER BY r.timeseries_id, r.metric, s.sample_time")) {
            query.setString(1, deviceId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    samples.add(new Row(rows.getString(1), rows.getString(2), iso(rows.getObject(3, OffsetDateTime.class)),
                            rows.getString(4), rows.getBoolean(5), iso(rows.getObject(6, OffsetDateTime.class))));
                }
            }
        }
        return device == null
                ? new Stored(false, null, samples)
                : new Stored(true, device.collectionId(), samples);
    }

    private static String iso(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
