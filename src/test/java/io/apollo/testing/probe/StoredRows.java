package io.apollo.testing.probe;

import io.apollo.samples.entity.Device;
import io.apollo.samples.entity.Sample;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
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

    @GET
    public Stored device(@PathParam("deviceId") String deviceId) {
        Device device = em.find(Device.class, deviceId);
        List<Row> samples = em.createQuery("SELECT s FROM Sample s WHERE s.deviceId = :device "
                        + "ORDER BY s.timeseriesId, s.metric, s.timestamp", Sample.class)
                .setParameter("device", deviceId)
                .getResultStream()
                .map(s -> new Row(s.timeseriesId(), s.metric(), iso(s.timestamp()), s.value(), s.numeric(),
                        iso(s.ingestedAt())))
                .toList();
        return device == null
                ? new Stored(false, null, samples)
                : new Stored(true, device.collectionId(), samples);
    }

    private static String iso(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
