package io.apollo.samples.control;

import io.apollo.persistence.control.DatabaseVendor;
import io.apollo.samples.entity.Bucket;
import io.apollo.samples.entity.Sample;
import io.apollo.samples.entity.SeriesSummary;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every SQL statement on samples, on their series and on the device (whose rows' locks guard
 * them), run by plain JDBC inside the caller's JTA transaction, on the persistence context's own
 * connection. The one place that knows the tables' columns and tells H2's SQL from PostgreSQL's.
 *
 * <p>A sample row holds two integers, its series (device, timeseries, metric) and its device, not
 * their ids (db/migration V2): the ids, up to 128 characters each, were most of a row and of each
 * of its index entries. The series table maps them to a key, registered on a series' first sample.
 *
 * <p>Why JDBC and not JPA: a batch is written as upserts on the primary key, a key's probe costing
 * the same however large the table: on H2 a JDBC batch of {@code MERGE ... KEY}, on PostgreSQL one
 * statement for the whole batch, {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO
 * NOTHING} and an {@code UPDATE} of the keys it did not insert ({@link #UPSERT_ARRAYS}; one
 * round trip; bench/ingest-throughput measures both ways); persisting entity by entity cost a
 * lookup and a statement per sample besides (about 5× slower). EclipseLink prepares a locking find anew on every call. And
 * EclipseLink binds an {@code OffsetDateTime} parameter as a {@code java.sql.Timestamp}, which H2
 * reads in the JVM's time zone, off by an hour in the hour a clock change repeats; JDBC's
 * {@code setObject(OffsetDateTime)} is exact.
 */
@Dependent
public class SampleStore {

    static final String DEVICE = "SELECT device_key, collection_id FROM devices WHERE device_id = ?";
    static final String LOCK_DEVICE = DEVICE + " FOR UPDATE";
    static final String SERIES_KEYS = "SELECT series_key FROM series WHERE device_key = ?";
    /** H2: one series' row. The device's key is redundant but keeps the statement on the device's shard (Citus). */
    static final String LOCK_SERIES = "SELECT series_key FROM series WHERE series_key = ? AND device_key = ? FOR UPDATE";
    /** PostgreSQL: every series of a device, locked in the order of their keys (a sort below the lock). */
    static final String LOCK_DEVICE_SERIES = "SELECT series_key FROM series WHERE device_key = ? ORDER BY series_key"
            + " FOR UPDATE";
    static final String DEVICE_KEY = "SELECT device_key FROM devices WHERE device_id = ?";
    static final String DELETE_MINUTES = "DELETE FROM sample_minutes WHERE series_key IN"
            + " (SELECT series_key FROM series WHERE device_key = ?)";
    static final String DELETE_SERIES = "DELETE FROM series WHERE device_key = ?";
    /**
     * A device's series left without samples. The samples are matched by the device's key too: on
     * Citus series and samples are distributed by it, and a join must name it (docs/operations.md
     * §6.2). H2 and PostgreSQL still probe each series' samples by its key.
     */
    static final String DELETE_EMPTY_SERIES = "DELETE FROM series WHERE device_key = ? AND NOT EXISTS"
            + " (SELECT 1 FROM samples WHERE samples.device_key = series.device_key"
            + " AND samples.series_key = series.series_key)";
    static final String DELETE_DEVICE = "DELETE FROM devices WHERE device_key = ?";
    static final String FIRST_DEVICES = "SELECT device_id FROM devices ORDER BY device_id LIMIT ?";
    static final String NEXT_DEVICES = "SELECT device_id FROM devices WHERE device_id > ? ORDER BY device_id LIMIT ?";
    static final String INSERT_SERIES_H2 = "MERGE INTO series (device_key, timeseries_id, metric)"
            + " KEY (device_key, timeseries_id, metric) VALUES (?, ?, ?)";
    static final String INSERT_SERIES_POSTGRESQL = "INSERT INTO series (device_key, timeseries_id, metric) VALUES (?, ?, ?)"
            + " ON CONFLICT (device_key, timeseries_id, metric) DO NOTHING";
    static final String MERGE = "MERGE INTO samples (value_text, value_is_number, ingested_at, series_key, device_key,"
            + " sample_time) KEY (series_key, sample_time) VALUES (?, ?, ?, ?, ?, ?)";
    /**
     * PostgreSQL's upsert of a whole batch: its columns as arrays, unnested (one round trip, one
     * plan, where a JDBC batch costs one statement a row). {@code inserted} inserts the batch's new
     * keys and returns them; {@code replaced} writes over the others, which were stored before.
     * Every part of a {@code WITH} reads the database as it was before the statement, so
     * {@code replaced} could not match {@code inserted}'s rows anyway: its {@code NOT IN} leaves
     * their keys out before the join, so that a batch of new samples probes no key a second time.
     * When none was replaced, {@code added} adds the batch's minutes, computed by the caller
     * ({@link SampleMinutes.NewMinutes}), to the table; otherwise the caller recomputes them. The
     * statement returns how many keys each part wrote: together, every key of the batch. The key
     * is named, not listed, and {@code replaced} reads with the device's key as well: on Citus the
     * key also holds the device's key, and a statement with it goes to one shard
     * (docs/operations.md §6.2).
     */
    static final String UPSERT_ARRAYS = "WITH batch AS (SELECT value_text, value_is_number, series_key,"
            + " CAST(sample_time AS TIMESTAMP WITH TIME ZONE) AS sample_time FROM unnest(CAST(? AS TEXT[]),"
            + " CAST(? AS BOOLEAN[]), CAST(? AS INTEGER[]), CAST(? AS TEXT[]))"
            + " AS arrays (value_text, value_is_number, series_key, sample_time)),"
            + " inserted AS (INSERT INTO samples (value_text, value_is_number, ingested_at, series_key, device_key,"
            + " sample_time) SELECT value_text, value_is_number, CAST(? AS TIMESTAMP WITH TIME ZONE), series_key,"
            + " CAST(? AS INTEGER), sample_time FROM batch ON CONFLICT ON CONSTRAINT samples_by_series DO NOTHING"
            + " RETURNING series_key, sample_time),"
            + " replaced AS (UPDATE samples SET value_text = batch.value_text, value_is_number = batch.value_is_number,"
            + " ingested_at = CAST(? AS TIMESTAMP WITH TIME ZONE) FROM batch WHERE samples.device_key = CAST(? AS INTEGER)"
            + " AND samples.series_key = batch.series_key AND samples.sample_time = batch.sample_time"
            + " AND (batch.series_key, batch.sample_time) NOT IN (SELECT series_key, sample_time FROM inserted)"
            + " RETURNING samples.series_key, samples.sample_time),"
            + " added AS (" + SampleMinutes.addNew("NOT EXISTS (SELECT 1 FROM replaced)") + ")"
            + " SELECT (SELECT COUNT(*) FROM inserted), (SELECT COUNT(*) FROM replaced)";
    static final String SAMPLE_COLUMNS = "SELECT series_key, sample_time, value_text, value_is_number, ingested_at"
            + " FROM samples WHERE ";

    @PersistenceContext
    EntityManager em;

    @Inject
    DatabaseVendor vendor;

    /**
     * A device's row as committed, without a lock: a batch of series the device has had is written
     * under the locks of those series alone ({@link #upsert}), so that batches of one device that
     * write different series run side by side.
     *
     * @return the device, or empty when there is no such device
     */
    public Optional<StoredDevice> device(String deviceId) {
        return run("Reading device " + deviceId, connection -> readDevice(connection, DEVICE, deviceId));
    }

    /**
     * Locks a device's row for the caller's transaction ({@code SELECT ... FOR UPDATE}), whichever
     * instance holds the other transactions: one registers the device's new series at a time, and
     * a delete excludes them.
     *
     * @return the locked device, or empty when there is no such device (nothing locked)
     */
    public Optional<StoredDevice> lockDevice(String deviceId) {
        return run("Locking device " + deviceId, connection -> readDevice(connection, LOCK_DEVICE, deviceId));
    }

    /**
     * Locks a device's row and then every one of its series, for a delete: no batch writes the
     * device's samples until the caller's transaction ends (a batch holds the locks of the series it
     * writes, or the device's to register new ones).
     *
     * @return the locked device, or empty when there is no such device (nothing locked)
     */
    public Optional<StoredDevice> lockForDeleting(String deviceId) {
        Optional<StoredDevice> device = lockDevice(deviceId);
        device.ifPresent(locked -> run("Locking the series of device " + deviceId, connection -> {
            switch (vendor) {
                case H2 -> lockSeries(connection, locked.key(), keys(connection, SERIES_KEYS, locked.key()));
                case POSTGRESQL -> keys(connection, LOCK_DEVICE_SERIES, locked.key());
            }
            return null;
        }));
        return device;
    }

    /** The series keys a query of one device's key selects (and locks, as it may), in order. */
    private static SortedSet<Integer> keys(Connection connection, String sql, int deviceKey) throws SQLException {
        SortedSet<Integer> keys = new TreeSet<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, deviceKey);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getInt(1));
                }
            }
        }
        return keys;
    }

    private static Optional<StoredDevice> readDevice(Connection connection, String sql, String deviceId)
            throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(sql)) {
            read.setString(1, deviceId);
            try (ResultSet device = read.executeQuery()) {
                return device.next()
                        ? Optional.of(new StoredDevice(deviceId, device.getInt(1), device.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Locks these series' rows of a device in the order of their keys, the same order in every
     * transaction, so that two never wait for each other (H2 row by row, as it locks rows in the
     * order it finds them; PostgreSQL locks a sorted selection in its order).
     *
     * @return whether every one of them was still there (a delete may have removed one meanwhile)
     */
    private boolean lockSeries(Connection connection, int deviceKey, SortedSet<Integer> keys) throws SQLException {
        if (keys.isEmpty()) {
            return true;
        }
        int locked = 0;
        switch (vendor) {
            case H2 -> {
                try (PreparedStatement lock = connection.prepareStatement(LOCK_SERIES)) {
                    for (int key : keys) {
                        lock.setInt(1, key);
                        lock.setInt(2, deviceKey);
                        try (ResultSet row = lock.executeQuery()) {
                            locked += row.next() ? 1 : 0;
                        }
                    }
                }
            }
            case POSTGRESQL -> {
                List<Object> parameters = new ArrayList<>(List.of(deviceKey));
                parameters.addAll(keys);
                try (PreparedStatement lock = prepare(connection, "SELECT series_key FROM series WHERE device_key = ?"
                        + " AND series_key IN (" + placeholders(keys.size()) + ") ORDER BY series_key FOR UPDATE",
                        parameters);
                        ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        locked++;
                    }
                }
            }
        }
        return locked == keys.size();
    }

    /**
     * Locks, in the order of their keys, the series of these samples that the device already has,
     * under the device's lock the caller holds. A transaction that then writes several batches of
     * the device one after the other ({@link SampleWrites#writeTogether}) holds their series from
     * the start, so it never takes a series lock out of order.
     */
    public void lockSeriesOf(StoredDevice device, Collection<ValidSample> samples) {
        run("Locking the series of device " + device.id(), connection -> {
            Map<Name, Integer> series = keys(series(connection, device.key(), timeseriesIds(samples), null));
            SortedSet<Integer> existing = samples.stream().map(sample -> series.get(Name.of(sample)))
                    .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
            if (!lockSeries(connection, device.key(), existing)) {
                throw new IllegalStateException("A series of device " + device.id() + " vanished under its lock");
            }
            return null;
        });
    }

    /**
     * Writes a batch under the locks of its series, so that no other transaction writes the same
     * keys, or their minutes, at the same time; batches of other series of the device run
     * meanwhile. A key written again gets the new value. The batch's minutes are kept exact
     * ({@link SampleMinutes}).
     *
     * @param deviceLocked whether the caller's transaction holds the device's lock
     *     ({@link #lockDevice}): then the series the device has not had are registered first;
     *     otherwise nothing is written or locked when one of them is new, and the caller takes the
     *     device's lock and calls again
     * @return false when a series is new and the device is not locked
     * @throws SeriesChanged when the device is not locked and one of its series was deleted before
     *     it could be locked
     */
    public boolean upsert(StoredDevice device, List<ValidSample> samples, OffsetDateTime ingestedAt,
            boolean deviceLocked) {
        Collection<ValidSample> latest = lastOccurrences(samples);
        return run("Storing " + samples.size() + " samples of device " + device.id(), connection -> {
            Map<Name, Integer> series = deviceLocked ? registeredSeries(connection, vendor, device.key(), latest)
                    : keys(series(connection, device.key(), timeseriesIds(latest), null));
            SortedSet<Integer> written = new TreeSet<>();
            for (ValidSample sample : latest) {
                Integer key = series.get(Name.of(sample));
                if (key == null) {
                    return false;
                }
                written.add(key);
            }
            if (!lockSeries(connection, device.key(), written)) {
                throw new SeriesChanged();
            }
            Map<Integer, List<OffsetDateTime>> recomputed = switch (vendor) {
                case H2 -> merge(connection, device, latest, series, ingestedAt);
                case POSTGRESQL -> upsertArrays(connection, device, latest, series, ingestedAt);
            };
            SampleMinutes.refresh(connection, vendor, device.key(), recomputed, false);
            return true;
        });
    }

    /**
     * H2: one JDBC batch of {@code MERGE ... KEY}, each one probe of the key (in process, a batch
     * costs no round trips; H2's set-based form measured no faster).
     *
     * @return every sample time, by series key: all the minutes it touched are to be recomputed
     */
    private static Map<Integer, List<OffsetDateTime>> merge(Connection connection, StoredDevice device,
            Collection<ValidSample> samples, Map<Name, Integer> series, OffsetDateTime ingestedAt) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(MERGE)) {
            for (ValidSample sample : samples) {
                merge.setString(1, sample.value());
                merge.setBoolean(2, sample.numeric());
                merge.setObject(3, ingestedAt);
                merge.setInt(4, series.get(Name.of(sample)));
                merge.setInt(5, device.key());
                merge.setObject(6, sample.timestamp());
                merge.addBatch();
            }
            merge.executeBatch();
        }
        return byKey(samples, series);
    }

    /** The samples' times by their series' keys. */
    private static Map<Integer, List<OffsetDateTime>> byKey(Collection<ValidSample> samples,
            Map<Name, Integer> series) {
        return samples.stream().collect(Collectors.groupingBy(sample -> series.get(Name.of(sample)),
                Collectors.mapping(ValidSample::timestamp, Collectors.toList())));
    }

    /**
     * PostgreSQL: the whole batch in one statement ({@link #UPSERT_ARRAYS}), which also adds the
     * minutes of a batch of new samples.
     *
     * @return when the batch replaced stored samples, every sample time, by series key: the
     *         statement added none of the batch's minutes, which are to be recomputed; otherwise none
     */
    private static Map<Integer, List<OffsetDateTime>> upsertArrays(Connection connection, StoredDevice device,
            Collection<ValidSample> samples, Map<Name, Integer> series, OffsetDateTime ingestedAt) throws SQLException {
        String[] values = new String[samples.size()];
        Boolean[] numeric = new Boolean[samples.size()];
        Integer[] seriesKeys = new Integer[samples.size()];
        String[] times = new String[samples.size()];
        SampleMinutes.NewMinutes minutes = new SampleMinutes.NewMinutes();
        int i = 0;
        for (ValidSample sample : samples) {
            values[i] = sample.value();
            numeric[i] = sample.numeric();
            seriesKeys[i] = series.get(Name.of(sample));
            // ISO-8601 in UTC with its offset: PostgreSQL reads it exactly, whatever the session's zone.
            times[i] = sample.timestamp().withOffsetSameInstant(ZoneOffset.UTC).toString();
            minutes.add(seriesKeys[i], sample);
            i++;
        }
        long replaced;
        try (PreparedStatement insert = connection.prepareStatement(UPSERT_ARRAYS)) {
            insert.setArray(1, connection.createArrayOf("text", values));
            insert.setArray(2, connection.createArrayOf("boolean", numeric));
            insert.setArray(3, connection.createArrayOf("integer", seriesKeys));
            insert.setArray(4, connection.createArrayOf("text", times));
            insert.setObject(5, ingestedAt);
            insert.setInt(6, device.key());
            insert.setObject(7, ingestedAt);
            insert.setInt(8, device.key());
            minutes.bind(connection, insert, 9);
            try (ResultSet counts = insert.executeQuery()) {
                counts.next();
                long inserted = counts.getLong(1);
                replaced = counts.getLong(2);
                if (inserted + replaced != samples.size()) {
                    // The series' locks keep other writers off these keys: this would be a bug, never a race.
                    throw new IllegalStateException("Storing " + samples.size() + " distinct samples of device "
                            + device.id() + ": " + inserted + " inserted and " + replaced + " replaced");
                }
            }
        }
        return replaced > 0 ? byKey(samples, series) : Map.of();
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

    private record Name(String timeseriesId, String metric) {

        static Name of(ValidSample sample) {
            return new Name(sample.timeseriesId(), sample.metric());
        }
    }

    /**
     * The keys of the samples' series, registering the series the device has not had before (the
     * caller holds the device's lock, under which series are registered).
     */
    private static Map<Name, Integer> registeredSeries(Connection connection, DatabaseVendor vendor, int deviceKey,
            Collection<ValidSample> samples) throws SQLException {
        Set<String> timeseriesIds = timeseriesIds(samples);
        Map<Name, Integer> keys = keys(series(connection, deviceKey, timeseriesIds, null));
        List<Name> missing = samples.stream().map(Name::of).distinct().filter(name -> !keys.containsKey(name)).toList();
        if (missing.isEmpty()) {
            return keys;
        }
        // Under the device's lock a name is new to one transaction at a time, yet H2 once refused one
        // as a duplicate there (PostSamplesIT: 6 retries of a batch of a new series at once), as if
        // the read under the lock had missed the commit of the transaction that registered it (not
        // explained yet). Written so that a name registered meanwhile is taken as it is.
        try (PreparedStatement insert = connection.prepareStatement(switch (vendor) {
            case H2 -> INSERT_SERIES_H2;
            case POSTGRESQL -> INSERT_SERIES_POSTGRESQL;
        })) {
            for (Name name : missing) {
                insert.setInt(1, deviceKey);
                insert.setString(2, name.timeseriesId());
                insert.setString(3, name.metric());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return keys(series(connection, deviceKey, timeseriesIds, null));
    }

    private static Set<String> timeseriesIds(Collection<ValidSample> samples) {
        return samples.stream().map(ValidSample::timeseriesId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<Name, Integer> keys(List<Series> series) {
        Map<Name, Integer> keys = new HashMap<>();
        series.forEach(s -> keys.put(new Name(s.timeseriesId(), s.metric()), s.key()));
        return keys;
    }

    /** The device's series of these timeseries (none: all of them) and this metric (null: any). */
    private static List<Series> series(Connection connection, int deviceKey, Set<String> timeseriesIds, String metric)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT series_key, timeseries_id, metric FROM series WHERE device_key = ?");
        List<Object> parameters = new ArrayList<>(List.of(deviceKey));
        if (!timeseriesIds.isEmpty()) {
            sql.append(" AND timeseries_id IN (").append(placeholders(timeseriesIds.size())).append(")");
            parameters.addAll(timeseriesIds);
        }
        if (metric != null) {
            sql.append(" AND metric = ?");
            parameters.add(metric);
        }
        return series(connection, sql, parameters);
    }

    private static List<Series> series(Connection connection, CharSequence sql, List<Object> parameters)
            throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters); ResultSet rows = query.executeQuery()) {
            List<Series> series = new ArrayList<>();
            while (rows.next()) {
                series.add(new Series(rows.getInt(1), rows.getString(2), rows.getString(3)));
            }
            return series;
        }
    }

    /**
     * At most {@code max} samples of the query, after {@code cursor} when it is not null, in the
     * total order (timestamp, timeseries, metric), ascending or descending.
     *
     * <p>Each SQL query's ORDER BY matches an index (db/migration), so the database reads it in
     * order from the cursor and stops at the page's end: a page reads about as many rows as it
     * returns, however long the history (plus, for a whole device, the samples of the two
     * instants read whole: as many as the device has series writing at one instant). Named timeseries are read series by series on the
     * primary key (series, timestamp) and merged. The whole device is read on its time index
     * (device, timestamp), which orders samples of one instant by series key, not by name: the
     * instants at the page's two ends are therefore read whole and sorted here.
     */
    public List<Sample> find(SampleQuery query, Cursor cursor, int max) {
        return run("Reading samples of device " + query.deviceId(), connection -> {
            Optional<Integer> deviceKey = deviceKey(connection, query.deviceId());
            if (deviceKey.isEmpty()) {
                return List.of();
            }
            List<Sample> found = new ArrayList<>();
            if (query.timeseriesIds().isEmpty()) {
                found.addAll(findInDevice(connection, query, deviceKey.get(), cursor, max));
            } else {
                for (Series series : series(connection, deviceKey.get(), query.timeseriesIds(), query.metric())) {
                    found.addAll(findInSeries(connection, query, series, cursor, max));
                }
            }
            Comparator<Sample> order = order(query);
            return found.stream()
                    .filter(sample -> cursor == null || order.compare(sample, at(cursor)) > 0)
                    .sorted(order)
                    .limit(max)
                    .toList();
        });
    }

    static Comparator<Sample> order(SampleQuery query) {
        Comparator<Sample> ascending = Comparator.comparing((Sample s) -> s.timestamp().toInstant())
                .thenComparing(Sample::timeseriesId)
                .thenComparing(Sample::metric);
        return query.descending() ? ascending.reversed() : ascending;
    }

    private static Sample at(Cursor cursor) {
        return new Sample(cursor.timeseriesId(), cursor.metric(), cursor.timestamp(), null, false, null);
    }

    private static Optional<Integer> deviceKey(Connection connection, String deviceId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(DEVICE_KEY)) {
            query.setString(1, deviceId);
            try (ResultSet device = query.executeQuery()) {
                return device.next() ? Optional.of(device.getInt(1)) : Optional.empty();
            }
        }
    }

    /**
     * One series from the cursor: its sample at the cursor's instant comes after the cursor when
     * the series' name does, so a bound on the timestamp alone is exact.
     */
    private static List<Sample> findInSeries(Connection connection, SampleQuery query, Series series, Cursor cursor,
            int max) throws SQLException {
        StringBuilder sql = new StringBuilder(SAMPLE_COLUMNS).append("series_key = ?");
        List<Object> parameters = new ArrayList<>(List.of(series.key()));
        timeRange(query, sql, parameters);
        if (cursor != null) {
            int byName = Series.ORDER.compare(series, new Series(0, cursor.timeseriesId(), cursor.metric()));
            boolean atCursorIncluded = query.descending() ? byName < 0 : byName > 0;
            sql.append(" AND sample_time ").append(query.descending() ? "<" : ">").append(atCursorIncluded ? "= ?" : " ?");
            parameters.add(cursor.timestamp());
        }
        sql.append(" ORDER BY series_key, sample_time").append(direction(query)).append(" LIMIT ?");
        parameters.add(max);
        return named(rows(connection, sql, parameters), Map.of(series.key(), series));
    }

    /**
     * The whole device (or one metric of it) from the cursor, on the time index: the instant of
     * the cursor and the last instant of the page are read whole, since the index orders their
     * samples by series key; what lies between comes in order. The caller drops what is not after
     * the cursor and sorts by name.
     */
    private static List<Sample> findInDevice(Connection connection, SampleQuery query, int deviceKey, Cursor cursor,
            int max) throws SQLException {
        StringBuilder where = new StringBuilder("device_key = ?");
        List<Object> parameters = new ArrayList<>(List.of(deviceKey));
        ofMetric(query.metric(), deviceKey, where, parameters);
        timeRange(query, where, parameters);

        List<Row> rows = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SAMPLE_COLUMNS).append(where);
        List<Object> pageParameters = new ArrayList<>(parameters);
        if (cursor != null) {
            rows.addAll(instant(connection, where, parameters, cursor.timestamp()));
            sql.append(" AND sample_time ").append(query.descending() ? "<" : ">").append(" ?");
            pageParameters.add(cursor.timestamp());
        }
        sql.append(" ORDER BY device_key, sample_time").append(direction(query)).append(" LIMIT ?");
        pageParameters.add(max);
        List<Row> page = rows(connection, sql, pageParameters);
        if (!page.isEmpty() && page.size() == max) {
            OffsetDateTime last = page.get(page.size() - 1).time();
            page.removeIf(row -> row.time().isEqual(last));
            rows.addAll(instant(connection, where, parameters, last));
        }
        rows.addAll(page);
        return named(rows, seriesByKey(connection, rows.stream().map(Row::seriesKey).collect(Collectors.toSet())));
    }

    /** The series of these keys, by key. */
    private static Map<Integer, Series> seriesByKey(Connection connection, Set<Integer> keys) throws SQLException {
        return keys.isEmpty() ? Map.of()
                : series(connection, "SELECT series_key, timeseries_id, metric FROM series WHERE series_key IN ("
                        + placeholders(keys.size()) + ")", List.copyOf(keys)).stream()
                        .collect(Collectors.toMap(Series::key, series -> series));
    }

    /** Every sample of the condition at one instant. */
    private static List<Row> instant(Connection connection, CharSequence where, List<Object> parameters,
            OffsetDateTime time) throws SQLException {
        List<Object> atTime = new ArrayList<>(parameters);
        atTime.add(time);
        return rows(connection, SAMPLE_COLUMNS + where + " AND sample_time = ?", atTime);
    }

    /** A sample row as stored: its series by key. */
    private record Row(int seriesKey, OffsetDateTime time, String value, boolean numeric, OffsetDateTime ingestedAt) {
    }

    private static List<Row> rows(Connection connection, CharSequence sql, List<Object> parameters)
            throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters); ResultSet rows = query.executeQuery()) {
            List<Row> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new Row(rows.getInt(1), rows.getObject(2, OffsetDateTime.class), rows.getString(3),
                        rows.getBoolean(4), rows.getObject(5, OffsetDateTime.class)));
            }
            return found;
        }
    }

    /**
     * The rows with their series' names. A row whose series is not there is left out: a delete
     * removed its last samples and the series after the row was read (each statement sees the
     * commits before it).
     */
    private static List<Sample> named(List<Row> rows, Map<Integer, Series> series) {
        return rows.stream().filter(row -> series.containsKey(row.seriesKey())).map(row -> {
            Series name = series.get(row.seriesKey());
            return new Sample(name.timeseriesId(), name.metric(), row.time(), row.value(), row.numeric(),
                    row.ingestedAt());
        }).toList();
    }

    /**
     * At most {@code max} buckets of an aggregate query ({@link SampleQuery#aggregate()}), after
     * {@code cursor} when it is not null, in the order (bucket start, timeseries, metric),
     * ascending or descending.
     *
     * <p>The database groups and computes, exactly: numbers are cast from their stored text to
     * arbitrary-precision decimals ({@link SampleMinutes#number}). It does so window by window, each
     * as long as a page's buckets of every series aggregated and starting at the bucket of the next
     * sample after the cursor (one index probe), so a page reads about its own buckets and a gap in
     * the data costs one probe. Buckets of whole minutes are computed from the minutes table
     * ({@link SampleMinutes}), and from the samples only where the query's range cuts a minute.
     * {@code first} and {@code last} then read each bucket's first or last sample on the primary key.
     */
    public List<Bucket> aggregate(SampleQuery query, Cursor cursor, int max) {
        Aggregate aggregate = query.aggregate();
        return run("Aggregating samples of device " + query.deviceId(), connection -> {
            Optional<Integer> deviceKey = deviceKey(connection, query.deviceId());
            if (deviceKey.isEmpty()) {
                return List.of();
            }
            List<Series> aggregated = series(connection, deviceKey.get(), query.timeseriesIds(), query.metric());
            if (aggregated.isEmpty()) {
                return List.of();
            }
            Selection selection = Selection.of(query, deviceKey.get(), aggregated);
            Comparator<Bucket> order = bucketOrder(query);
            Bucket after = cursor == null ? null
                    : new Bucket(cursor.timeseriesId(), cursor.metric(), cursor.timestamp(), null, false, 0);
            // Enough buckets' time for a page if every series has a sample in each of them.
            Duration window = aggregate.interval().multipliedBy(Math.max(1, (max + aggregated.size() - 1)
                    / aggregated.size()) + 1L);
            // Ascending, the first window starts at the cursor's bucket; descending, the first ends after it.
            OffsetDateTime from = cursor == null ? null
                    : query.descending() ? cursor.timestamp().plus(aggregate.interval()) : cursor.timestamp();
            List<Bucket> found = new ArrayList<>();
            while (found.size() < max) {
                Optional<OffsetDateTime> next = nextSampleTime(connection, selection, from, query.descending());
                if (next.isEmpty()) {
                    break;
                }
                OffsetDateTime start;
                OffsetDateTime end;
                if (query.descending()) {
                    end = aggregate.bucketStart(next.get()).plus(aggregate.interval());
                    start = end.minus(window);
                    from = start;
                } else {
                    start = aggregate.bucketStart(next.get());
                    end = start.plus(window);
                    from = end;
                }
                buckets(connection, aggregate, selection, start, end).stream()
                        .filter(bucket -> after == null || order.compare(bucket, after) > 0)
                        .forEach(found::add);
            }
            return found.stream().sorted(order).limit(max).toList();
        });
    }

    static Comparator<Bucket> bucketOrder(SampleQuery query) {
        Comparator<Bucket> ascending = Comparator.comparing((Bucket b) -> b.start().toInstant())
                .thenComparing(Bucket::timeseriesId)
                .thenComparing(Bucket::metric);
        return query.descending() ? ascending.reversed() : ascending;
    }

    /**
     * The samples an aggregate reads: the condition on the samples table (device, series and the
     * query's time range), the one on the minutes table (its series), and the query's range.
     */
    private record Selection(String samples, List<Object> samplesParameters, String series,
            List<Object> seriesParameters, OffsetDateTime start, OffsetDateTime end) {

        static Selection of(SampleQuery query, int deviceKey, List<Series> aggregated) {
            StringBuilder samples = new StringBuilder("device_key = ?");
            List<Object> samplesParameters = new ArrayList<>(List.of(deviceKey));
            StringBuilder series = new StringBuilder();
            List<Object> seriesParameters = new ArrayList<>();
            if (!query.timeseriesIds().isEmpty()) {
                // As many series as the query names timeseries (and their metrics): a short list.
                String keys = "series_key IN (" + placeholders(aggregated.size()) + ")";
                samples.append(" AND ").append(keys);
                series.append(keys);
                aggregated.forEach(one -> samplesParameters.add(one.key()));
                seriesParameters.addAll(samplesParameters.subList(1, samplesParameters.size()));
            } else {
                ofMetric(query.metric(), deviceKey, samples, samplesParameters);
                series.append("series_key IN (SELECT series_key FROM series WHERE device_key = ?");
                seriesParameters.add(deviceKey);
                if (query.metric() != null) {
                    series.append(" AND metric = ?");
                    seriesParameters.add(query.metric());
                }
                series.append(")");
            }
            timeRange(query, samples, samplesParameters);
            return new Selection(samples.toString(), samplesParameters, series.toString(), seriesParameters,
                    query.start(), query.end());
        }
    }

    /** The time of the selection's first sample from {@code from} on (descending: its last before {@code from}). */
    private static Optional<OffsetDateTime> nextSampleTime(Connection connection, Selection selection,
            OffsetDateTime from, boolean descending) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT sample_time FROM samples WHERE ").append(selection.samples());
        List<Object> bounded = new ArrayList<>(selection.samplesParameters());
        if (from != null) {
            sql.append(descending ? " AND sample_time < ?" : " AND sample_time >= ?");
            bounded.add(from);
        }
        sql.append(" ORDER BY device_key, sample_time").append(descending ? " DESC" : "").append(" LIMIT 1");
        try (PreparedStatement query = prepare(connection, sql, bounded); ResultSet first = query.executeQuery()) {
            return first.next() ? Optional.of(first.getObject(1, OffsetDateTime.class)) : Optional.empty();
        }
    }

    /**
     * One series' group in one bucket, as the database computed it: its counts and the function's
     * decimal (null for count, first and last, and when the bucket has no number).
     */
    private record Group(int seriesKey, long bucket, long count, long numbers, BigDecimal number) {

        /** Both parts of one bucket, read from the minutes and from the samples of a cut minute. */
        Group and(Group other, Aggregate.Function function) {
            return new Group(seriesKey, bucket, count + other.count, numbers + other.numbers,
                    number == null ? other.number : other.number == null ? number : switch (function) {
                        case MIN -> number.min(other.number);
                        case MAX -> number.max(other.number);
                        default -> number.add(other.number);
                    });
        }
    }

    /**
     * Every (series, bucket) of the selection between {@code start} (inclusive) and {@code end},
     * aggregated: whole minutes from the minutes table when buckets are whole minutes, the rest
     * from the samples.
     */
    private List<Bucket> buckets(Connection connection, Aggregate aggregate, Selection selection,
            OffsetDateTime start, OffsetDateTime end) throws SQLException {
        OffsetDateTime from = selection.start() != null && selection.start().isAfter(start) ? selection.start() : start;
        OffsetDateTime to = selection.end() != null && selection.end().isBefore(end) ? selection.end() : end;
        List<Group> parts = new ArrayList<>();
        long firstMinute = SampleMinutes.minuteFrom(from);
        long endMinute = SampleMinutes.minuteOf(to);
        if (aggregate.seconds() % SampleMinutes.SECONDS == 0 && firstMinute < endMinute) {
            parts.addAll(sampleGroups(connection, aggregate, selection, from, SampleMinutes.start(firstMinute)));
            List<Object> parameters = new ArrayList<>(selection.seriesParameters());
            parameters.addAll(List.of(firstMinute, endMinute));
            parts.addAll(groups(connection, SampleMinutes.groups(aggregate, selection.series()), parameters));
            parts.addAll(sampleGroups(connection, aggregate, selection, SampleMinutes.start(endMinute), to));
        } else {
            parts.addAll(sampleGroups(connection, aggregate, selection, from, to));
        }
        Map<List<Long>, Group> merged = new LinkedHashMap<>();
        for (Group part : parts) {
            merged.merge(List.of((long) part.seriesKey(), part.bucket()), part,
                    (one, other) -> one.and(other, aggregate.function()));
        }
        List<Group> groups = List.copyOf(merged.values());
        Map<Integer, Series> series = seriesByKey(connection,
                groups.stream().map(Group::seriesKey).collect(Collectors.toSet()));
        List<Bucket> buckets = new ArrayList<>();
        try (PreparedStatement edge = connection.prepareStatement(SAMPLE_COLUMNS + "series_key = ? AND sample_time >= ?"
                + " AND sample_time < ? ORDER BY series_key, sample_time"
                + (aggregate.function() == Aggregate.Function.LAST ? " DESC" : "") + " LIMIT 1")) {
            for (Group group : groups.stream().filter(group -> series.containsKey(group.seriesKey())).toList()) {
                // (A group whose series is gone was emptied by a delete since: see named.)
                Series name = series.get(group.seriesKey());
                OffsetDateTime bucketStart = aggregate.bucket(group.bucket());
                switch (aggregate.function()) {
                    case COUNT -> buckets.add(new Bucket(name.timeseriesId(), name.metric(), bucketStart,
                            Long.toString(group.count()), true, group.count()));
                    case FIRST, LAST -> {
                        // The bucket's first or last sample within the query's range, on the primary key.
                        OffsetDateTime bucketEnd = bucketStart.plus(aggregate.interval());
                        edge.setInt(1, group.seriesKey());
                        edge.setObject(2, from.isAfter(bucketStart) ? from : bucketStart);
                        edge.setObject(3, to.isBefore(bucketEnd) ? to : bucketEnd);
                        try (ResultSet sample = edge.executeQuery()) {
                            // None when a delete committed since the grouping (PostgreSQL's read committed).
                            if (sample.next()) {
                                buckets.add(new Bucket(name.timeseriesId(), name.metric(), bucketStart,
                                        sample.getString(3), sample.getBoolean(4), group.count()));
                            }
                        }
                    }
                    default -> buckets.add(new Bucket(name.timeseriesId(), name.metric(), bucketStart,
                            group.number() == null ? null : decimal(aggregate.function() == Aggregate.Function.AVG
                                    ? group.number().divide(BigDecimal.valueOf(group.numbers()), MathContext.DECIMAL128)
                                    : group.number()), true, group.count()));
                }
            }
        }
        return buckets;
    }

    /** The groups of the selection's samples from {@code from} (inclusive) to {@code to}; none when that is empty. */
    private List<Group> sampleGroups(Connection connection, Aggregate aggregate, Selection selection,
            OffsetDateTime from, OffsetDateTime to) throws SQLException {
        if (!from.isBefore(to)) {
            return List.of();
        }
        String bucket = SampleMinutes.bucketOfSample(vendor, aggregate.seconds());
        String number = SampleMinutes.number(vendor);
        String value = switch (aggregate.function()) {
            case AVG, SUM -> "SUM(" + number + ")";
            case MIN -> "MIN(" + number + ")";
            case MAX -> "MAX(" + number + ")";
            case COUNT, FIRST, LAST -> "NULL";
        };
        String sql = "SELECT series_key, " + bucket + ", COUNT(*), COUNT(CASE WHEN value_is_number THEN 1 END), "
                + value + " FROM samples WHERE " + selection.samples() + " AND sample_time >= ? AND sample_time < ?"
                + " GROUP BY series_key, " + bucket;
        List<Object> parameters = new ArrayList<>(selection.samplesParameters());
        parameters.addAll(List.of(from, to));
        return groups(connection, sql, parameters);
    }

    /** The groups a grouping statement returns (columns: series key, bucket, count, numbers, decimal). */
    private static List<Group> groups(Connection connection, String sql, List<Object> parameters) throws SQLException {
        List<Group> groups = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, sql, parameters); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                groups.add(new Group(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getBigDecimal(5)));
            }
        }
        return groups;
    }

    /**
     * A decimal as the text of a JSON number, without trailing zeros: plain up to 21 digits before
     * the point ({@code 30}, not {@code 3E+1}), in scientific notation beyond.
     */
    static String decimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 && stripped.precision() - stripped.scale() <= 21 ? stripped.toPlainString()
                : stripped.toString();
    }

    /**
     * At most {@code max} of the device's series after {@code after} (null: from the first), ordered
     * by timeseries, then metric, each with its first and last timestamps, count and latest sample.
     * The device's series names are read and ordered here (not by the database's collation); then
     * one grouping over the page's series in the minutes table ({@link SampleMinutes}), and the
     * latest sample of each on the primary key.
     */
    public List<SeriesSummary> seriesOf(String deviceId, Cursor after, int max) {
        return run("Listing the series of device " + deviceId, connection -> {
            Optional<Integer> deviceKey = deviceKey(connection, deviceId);
            if (deviceKey.isEmpty()) {
                return List.of();
            }
            Series from = after == null ? null : new Series(0, after.timeseriesId(), after.metric());
            List<Series> following = series(connection, deviceKey.get(), Set.of(), null).stream()
                    .filter(series -> from == null || Series.ORDER.compare(series, from) > 0)
                    .sorted(Series.ORDER)
                    .toList();
            List<SeriesSummary> listed = new ArrayList<>();
            // Page by page of names, since a series emptied by a delete meanwhile is skipped.
            for (int start = 0; start < following.size() && listed.size() < max; start += max) {
                List<Series> names = following.subList(start, Math.min(following.size(), start + max));
                Map<Integer, Bounds> bounds = bounds(connection, names);
                for (Series series : names) {
                    Bounds summary = bounds.get(series.key());
                    List<Row> latest = summary == null || listed.size() == max ? List.of() : rows(connection,
                            SAMPLE_COLUMNS + "series_key = ? AND sample_time = ?", List.of(series.key(), summary.last()));
                    if (!latest.isEmpty()) {
                        listed.add(new SeriesSummary(series.timeseriesId(), series.metric(), summary.first(),
                                summary.last(), summary.count(), named(latest, Map.of(series.key(), series)).get(0)));
                    }
                }
            }
            return listed;
        });
    }

    /** A series' count of samples and its first and last sample times. */
    private record Bounds(long count, OffsetDateTime first, OffsetDateTime last) {
    }

    /** The bounds of each of these series that has samples, from the minutes table; by key. */
    private static Map<Integer, Bounds> bounds(Connection connection, List<Series> series) throws SQLException {
        Map<Integer, Bounds> bounds = new HashMap<>();
        try (PreparedStatement query = prepare(connection, "SELECT series_key, SUM(sample_count), MIN(first_time),"
                        + " MAX(last_time) FROM sample_minutes WHERE series_key IN (" + placeholders(series.size())
                        + ") GROUP BY series_key", series.stream().<Object>map(Series::key).toList());
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                bounds.put(rows.getInt(1), new Bounds(rows.getLong(2), rows.getObject(3, OffsetDateTime.class),
                        rows.getObject(4, OffsetDateTime.class)));
            }
        }
        return bounds;
    }

    /**
     * Deletes at most {@code max} of the samples the filter matches (its timeseries, metric and
     * time range; order and paging do not apply) of a device the caller has locked with its series
     * ({@link #lockForDeleting}), so that no other transaction writes or deletes its samples meanwhile.
     * The minutes it touched are recomputed ({@link SampleMinutes}); when no more match, the
     * device's series left without samples are deleted too.
     *
     * @return how many it deleted: fewer than {@code max} when no more match
     */
    public int delete(StoredDevice device, SampleQuery filter, int max) {
        return run("Deleting samples of device " + device.id(), connection -> {
            StringBuilder where = new StringBuilder("device_key = ?");
            List<Object> parameters = new ArrayList<>(List.of(device.key()));
            if (!filter.timeseriesIds().isEmpty()) {
                // As many series as the request names timeseries (and their metrics): a short list.
                List<Series> matching = series(connection, device.key(), filter.timeseriesIds(), filter.metric());
                if (matching.isEmpty()) {
                    return 0;
                }
                where.append(" AND series_key IN (").append(placeholders(matching.size())).append(")");
                matching.forEach(series -> parameters.add(series.key()));
            } else {
                ofMetric(filter.metric(), device.key(), where, parameters);
            }
            timeRange(filter, where, parameters);
            parameters.add(max);
            // H2 limits a DELETE itself; PostgreSQL deletes the keys a limited SELECT found (not
            // their ctid, which a partitioned table repeats across partitions). No other
            // transaction writes them meanwhile: the caller holds the locks of the device and its series.
            // Both return the keys deleted, whose minutes are then recomputed.
            String sql = switch (vendor) {
                case H2 -> "SELECT series_key, sample_time FROM OLD TABLE (DELETE FROM samples WHERE " + where
                        + " FETCH FIRST ? ROWS ONLY)";
                case POSTGRESQL -> "DELETE FROM samples WHERE (series_key, sample_time) IN (SELECT series_key,"
                        + " sample_time FROM samples WHERE " + where + " LIMIT ?) RETURNING series_key, sample_time";
            };
            Map<Integer, List<OffsetDateTime>> deletedTimes = new HashMap<>();
            int deleted = 0;
            try (PreparedStatement delete = prepare(connection, sql, parameters); ResultSet keys = delete.executeQuery()) {
                while (keys.next()) {
                    deletedTimes.computeIfAbsent(keys.getInt(1), key -> new ArrayList<>())
                            .add(keys.getObject(2, OffsetDateTime.class));
                    deleted++;
                }
            }
            SampleMinutes.refresh(connection, vendor, device.key(), deletedTimes, true);
            if (deleted < max) {
                // The filter's last chunk: the series it emptied go too, so that a listing shows none.
                try (PreparedStatement emptied = connection.prepareStatement(DELETE_EMPTY_SERIES)) {
                    emptied.setInt(1, device.key());
                    emptied.executeUpdate();
                }
            }
            return deleted;
        });
    }

    /**
     * Deletes a device's minutes, series and row, which its caller has locked with its series
     * ({@link #lockForDeleting}) and whose samples it has deleted.
     */
    public void deleteDevice(StoredDevice device) {
        run("Deleting device " + device.id(), connection -> {
            for (String sql : List.of(DELETE_MINUTES, DELETE_SERIES, DELETE_DEVICE)) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    delete.setInt(1, device.key());
                    delete.executeUpdate();
                }
            }
            return null;
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

    /**
     * The device's series of one metric, when the filter names one, by a subquery: a device may
     * have more series of a metric than a statement takes parameters.
     */
    private static void ofMetric(String metric, int deviceKey, StringBuilder sql, List<Object> parameters) {
        if (metric != null) {
            sql.append(" AND series_key IN (SELECT series_key FROM series WHERE device_key = ? AND metric = ?)");
            parameters.addAll(List.of(deviceKey, metric));
        }
    }

    /** The filter's time range: {@code start} inclusive, {@code end} exclusive, either may be absent. */
    private static void timeRange(SampleQuery filter, StringBuilder sql, List<Object> parameters) {
        if (filter.start() != null) {
            sql.append(" AND sample_time >= ?");
            parameters.add(filter.start());
        }
        if (filter.end() != null) {
            sql.append(" AND sample_time < ?");
            parameters.add(filter.end());
        }
    }

    private static String direction(SampleQuery query) {
        return query.descending() ? " DESC" : "";
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
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
