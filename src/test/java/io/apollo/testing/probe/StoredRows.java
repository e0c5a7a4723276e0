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
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deployed with the integration tests only: shows them what the database holds for a device,
 * read through the entities and by SQL, so they can assert what a request stored (or did not).
 */
@Stateless
@Path("testing/devices/{deviceId}")
@Produces(MediaType.APPLICATION_JSON)
public class StoredRows {

    @PersistenceContext
    EntityManager em;

    /**
     * The device, its samples, its series rows, and its rows of the minutes table next to the same
     * minutes computed here from its samples (each "timeseries/metric minute count numbers sum min
     * max first last"): the two lists are equal when the table is exact.
     */
    public record Stored(boolean exists, String collection, List<Row> samples, List<String> series,
            List<String> minutes, List<String> minutesOfSamples) {
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
        return new Stored(device != null, device == null ? null : device.collectionId(), samples,
                strings("SELECT r.timeseries_id || '/' || r.metric FROM series r JOIN devices d ON"
                        + " d.device_key = r.device_key WHERE d.device_id = ?", deviceId),
                minutes(deviceId), minutesOf(samples));
    }

    private List<String> strings(String sql, String deviceId) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = em.unwrap(Connection.class).prepareStatement(sql)) {
            query.setString(1, deviceId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found.stream().sorted().toList();
    }

    private List<String> minutes(String deviceId) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = em.unwrap(Connection.class).prepareStatement("SELECT r.timeseries_id, r.metric,"
                + " m.epoch_minute, m.sample_count, m.number_count, m.number_sum, m.number_min, m.number_max,"
                + " m.first_time, m.last_time FROM sample_minutes m JOIN series r ON r.series_key = m.series_key"
                + " JOIN devices d ON d.device_key = r.device_key WHERE d.device_id = ?")) {
            query.setString(1, deviceId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(minute(rows.getString(1) + "/" + rows.getString(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5), rows.getBigDecimal(6), rows.getBigDecimal(7), rows.getBigDecimal(8),
                            rows.getObject(9, OffsetDateTime.class), rows.getObject(10, OffsetDateTime.class)));
                }
            }
        }
        return found.stream().sorted().toList();
    }

    /** The minutes table's rows as they should be, computed from the samples. */
    private static List<String> minutesOf(List<Row> samples) {
        Map<String, List<Row>> byMinute = new TreeMap<>();
        for (Row sample : samples) {
            long minute = Math.floorDiv(OffsetDateTime.parse(sample.timestamp()).toEpochSecond(), 60);
            byMinute.computeIfAbsent(sample.timeseriesId() + "/" + sample.metric() + "\n" + minute,
                    key -> new ArrayList<>()).add(sample);
        }
        return byMinute.entrySet().stream().map(entry -> {
            List<Row> rows = entry.getValue();
            List<BigDecimal> numbers = rows.stream().filter(Row::numeric).map(row -> new BigDecimal(row.value()))
                    .toList();
            List<OffsetDateTime> times = rows.stream().map(row -> OffsetDateTime.parse(row.timestamp())).sorted()
                    .toList();
            String[] key = entry.getKey().split("\n");
            return minute(key[0], Long.parseLong(key[1]), rows.size(), numbers.size(),
                    numbers.stream().reduce(BigDecimal::add).orElse(null),
                    numbers.stream().min(BigDecimal::compareTo).orElse(null),
                    numbers.stream().max(BigDecimal::compareTo).orElse(null), times.get(0), times.get(times.size() - 1));
        }).sorted().toList();
    }

    private static String minute(String series, long minute, long count, long numbers, BigDecimal sum, BigDecimal min,
            BigDecimal max, OffsetDateTime first, OffsetDateTime last) {
        return String.join(" ", series, String.valueOf(minute), String.valueOf(count), String.valueOf(numbers),
                decimal(sum), decimal(min), decimal(max), first.toInstant().toString(), last.toInstant().toString());
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "null" : value.stripTrailingZeros().toString();
    }

    private static String iso(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
