import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a sample costs on disk, what deleting the older half and loading as many again do to
 * that, and ingest throughput next to its database's ceiling, in one run (issue 15, part 6). The
 * data: SAMPLES samples (default 1,000,000) of one device, 10 timeseries, metric "Raw", one-decimal
 * numbers (12.3), one sample per timeseries per second, posted in batches of 1,000 over 2
 * connections. Ids are random UUIDs (device and timeseries), or with {@code -Dids=short} device
 * "d" and timeseries "t0".."t9".
 *
 * <p>In two parts, either side of the server's clean stop (bench/footprint runs both). While the
 * server runs ({@code online}):
 * <ol>
 *   <li>the ceiling: the same rows written by plain JDBC as the service writes a batch (lock the
 *       device, upsert, commit; {@link #ceilingRows}, written for schema V2; the
 *       series lookup the service makes for each batch is left out), batches of 1,000,
 *       one transaction each, 2 threads, into a fresh database of the same kind (an H2 file with
 *       the service pool's settings, beside the service's; or a PostgreSQL schema of its own,
 *       dropped afterwards) whose schema is the service's own: its Flyway scripts
 *       ({@code -Dmigrations=DIR}, default {@code src/main/resources/db/migration/<h2|postgresql>})
 *       run in version order. Its bytes per row are printed too: the same rows, written without
 *       the service;</li>
 *   <li>the service: those samples posted, samples/s over the whole load and over its second
 *       half, as for the ceiling. Nothing warms the JITs up first (it would leave data or freed
 *       space behind), so the first batches time the compilers too: bench/ingest-throughput
 *       measures warm;</li>
 *   <li>bytes per sample on disk: H2, the live *.mv.db file in the data directory while the server
 *       runs; PostgreSQL, {@code pg_total_relation_size} of every table of the service's schema;</li>
 *   <li>one DELETE of the older half by time range ({@code endTime} the middle second), its
 *       duration and count (checked: half the samples), while 2 other connections keep posting
 *       batches of 10 for 2 other devices: count, p50, p99 and largest latency of their 202s; on
 *       PostgreSQL then {@code VACUUM samples}, as autovacuum would soon after;</li>
 *   <li>half as many samples again, later seconds: the bytes per sample that load added (less
 *       than the first load's when the deleted space is reused), and the bytes per sample that
 *       remain (the other devices' samples counted).</li>
 * </ol>
 * After the server stopped ({@code offline}), on H2: bytes per sample of the file a clean stop
 * left, and of a copy compacted offline ({@code SHUTDOWN COMPACT}, opened with the user and
 * password of the service's pool in server-config/payara/post-boot-commands.asadmin), and their
 * ratio to the live file. Then a summary of every figure next to its reference and to the
 * targets of issue 15. The first part hands its figures to the second in DATA_DIR/footprint.properties.
 *
 * <p>On PostgreSQL, with APOLLO_DB_URL, APOLLO_DB_USER and APOLLO_DB_PASSWORD in the environment
 * (the server's database, as bench/server.sh reads them); otherwise on the server's H2 file.
 *
 *   java -cp H2_JAR:POSTGRESQL_JAR [-Dsamples=1000000] [-Dids=uuid|short] [-Dmigrations=DIR] \
 *       bench/Footprint.java online BASE_URL TOKEN DATA_DIR
 *   java -cp H2_JAR:POSTGRESQL_JAR bench/Footprint.java offline DATA_DIR
 */
public class Footprint {

    static final int BATCH = 1_000;
    static final int CLIENTS = 2;
    static final int TIMESERIES = 10;
    static final int SECONDS_PER_BATCH = BATCH / TIMESERIES;
    /** Samples in each POST of the other devices while the DELETE runs: one second of their 10 timeseries. */
    static final int OTHER_BATCH = TIMESERIES;
    static final String METRIC = "Raw";
    static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    static final String POOL_COMMANDS = "server-config/payara/post-boot-commands.asadmin";
    static final String CEILING_SCHEMA = "footprint_ceiling";
    static final String STATE = "footprint.properties";

    static URI base;
    static String token;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "online" -> {
                base = URI.create(args[1]);
                token = args[2];
                online(Path.of(args[3]));
            }
            case "offline" -> offline(Path.of(args[1]));
            default -> throw new IllegalArgumentException("online or offline, not " + args[0]);
        }
    }

    static void online(Path data) throws Exception {
        long samples = Long.getLong("samples", 1_000_000);
        String ids = System.getProperty("ids", "uuid");
        // Both loads (all, then half as many) are whole batches.
        if (samples <= 0 || samples % (2 * BATCH) != 0) {
            throw new IllegalArgumentException("-Dsamples must be a positive multiple of " + 2 * BATCH);
        }
        Shape shape = switch (ids) {
            case "uuid" -> Shape.random();
            case "short" -> Shape.SHORT;
            default -> throw new IllegalArgumentException("-Dids must be uuid or short, not " + ids);
        };
        Store store = Store.ofService(data);
        Properties figures = new Properties();
        figures.setProperty("samples", String.valueOf(samples));
        figures.setProperty("postgresql", String.valueOf(store.postgresql()));
        System.out.printf("%,d samples of 1 device (%s), %d timeseries (%s), on %s%n", samples, shape.device(),
                TIMESERIES, String.join(", ", shape.timeseries().subList(0, 2)) + ", ...",
                store.postgresql() ? "PostgreSQL" : "H2");

        Rates ceiling = ceiling(data, store.postgresql(), shape, samples, figures);
        Rates ingest = postBatches(shape, 0, samples);
        long loaded = store.bytes();
        System.out.printf("service: %,.0f samples/s, second half %,.0f (%.2f and %.2f × the ceiling);"
                + " %,d bytes on disk, %.1f B/sample%n", ingest.whole(), ingest.secondHalf(),
                ingest.whole() / ceiling.whole(), ingest.secondHalf() / ceiling.secondHalf(), loaded,
                (double) loaded / samples);
        figures.setProperty("ingest", String.valueOf(ingest.whole()));
        figures.setProperty("ingestSecondHalf", String.valueOf(ingest.secondHalf()));
        figures.setProperty("loaded", String.valueOf(loaded));

        Instant middle = T0.plusSeconds(samples / 2 / TIMESERIES);
        Deletion deletion = deleteBefore(shape, middle);
        if (deletion.deleted() != samples / 2) {
            throw new IllegalStateException("The DELETE deleted " + deletion.deleted() + " samples, not "
                    + samples / 2);
        }
        long[] latencies = deletion.otherLatencies();
        store.vacuum();
        long afterDelete = store.bytes();
        System.out.printf("DELETE endTime=%s: %,d samples in %.1f s; meanwhile %,d POSTs of %d for other devices:"
                + " p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,d bytes on disk%n", middle, deletion.deleted(),
                deletion.seconds(), latencies.length, OTHER_BATCH, percentile(latencies, 0.5),
                percentile(latencies, 0.99), percentile(latencies, 1), afterDelete);
        figures.setProperty("deleteSeconds", String.valueOf(deletion.seconds()));
        figures.setProperty("otherPosts", String.valueOf(latencies.length));
        figures.setProperty("otherP99", String.valueOf(percentile(latencies, 0.99)));
        figures.setProperty("otherSamples", String.valueOf(deletion.otherSamples()));

        long half = samples / 2;
        double reingest = postBatches(shape, samples / TIMESERIES, half).whole();
        long reloaded = store.bytes();
        long remaining = samples + deletion.otherSamples();
        System.out.printf("%,d samples more (later seconds): %,.0f samples/s; they added %.1f B/sample;"
                + " %,d bytes on disk, %.1f B/sample for the %,d that remain (%,d of other devices)%n", half,
                reingest, (double) (reloaded - afterDelete) / half, reloaded, (double) reloaded / remaining,
                remaining, deletion.otherSamples());
        figures.setProperty("afterDelete", String.valueOf(afterDelete));
        figures.setProperty("reloaded", String.valueOf(reloaded));
        try (Writer out = Files.newBufferedWriter(data.resolve(STATE))) {
            figures.store(out, "bench/Footprint.java online");
        }
    }

    static void offline(Path data) throws Exception {
        Properties figures = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve(STATE))) {
            figures.load(in);
        }
        if (!Boolean.parseBoolean(figures.getProperty("postgresql"))) {
            long remaining = number(figures, "samples") + number(figures, "otherSamples");
            long stopped = h2Bytes(data);
            Path live = h2File(data);
            Path copy = Files.createDirectories(data.resolve("compacted")).resolve(live.getFileName());
            Files.copy(live, copy);
            Map<String, String> pool = servicePool();
            String name = copy.toString().substring(0, copy.toString().length() - ".mv.db".length());
            try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + name, pool.get("user"),
                    pool.get("password")); Statement sql = db.createStatement()) {
                sql.execute("SHUTDOWN COMPACT");
            }
            long compacted = Files.size(copy);
            System.out.printf("H2 after a clean stop: %,d bytes, %.1f B/sample; compacted offline: %,d bytes,"
                    + " %.1f B/sample; live/compacted %.2f%n", stopped, (double) stopped / remaining, compacted,
                    (double) compacted / remaining, number(figures, "reloaded") / (double) compacted);
            figures.setProperty("stopped", String.valueOf(stopped));
            figures.setProperty("compacted", String.valueOf(compacted));
        }
        summary(figures);
    }

    /** One line per figure: its value, what it is compared with, the ratio, and issue 15's target. */
    static void summary(Properties figures) {
        long samples = number(figures, "samples");
        long remaining = samples + number(figures, "otherSamples");
        boolean postgresql = Boolean.parseBoolean(figures.getProperty("postgresql"));
        double firstLoad = number(figures, "loaded") / (double) samples;
        double ceilingRow = number(figures, "ceilingBytes") / (double) samples;
        double reload = (number(figures, "reloaded") - number(figures, "afterDelete")) / (samples / 2.0);
        double live = number(figures, "reloaded") / (double) remaining;
        String row = "%-46s %12s  %-28s %7s  %s%n";
        System.out.printf("%nsummary, %,d samples, %s:%n", samples, postgresql ? "PostgreSQL" : "H2");
        System.out.printf(row, "figure", "value", "reference", "ratio", "issue 15 target");
        System.out.printf(row, "batch ingest, samples/s, whole load", format(decimal(figures, "ingest"), 0),
                "ceiling " + format(decimal(figures, "ceiling"), 0),
                format(decimal(figures, "ingest") / decimal(figures, "ceiling"), 2), "");
        System.out.printf(row, "batch ingest, samples/s, its second half",
                format(decimal(figures, "ingestSecondHalf"), 0),
                "ceiling " + format(decimal(figures, "ceilingSecondHalf"), 0),
                format(decimal(figures, "ingestSecondHalf") / decimal(figures, "ceilingSecondHalf"), 2),
                "≥ 0.8 (warm: bench/ingest-throughput)");
        System.out.printf(row, "DELETE of the older half, s", format(decimal(figures, "deleteSeconds"), 1),
                format(samples / 2.0, 0) + " samples", "", "");
        System.out.printf(row, "other devices' POSTs during the DELETE, p99 ms",
                format(decimal(figures, "otherP99"), 1), figures.getProperty("otherPosts") + " POSTs", "", "≤ 250");
        System.out.printf(row, "B/sample after the first load", format(firstLoad, 1),
                "ceiling's database " + format(ceilingRow, 1), format(firstLoad / ceilingRow, 2), "");
        System.out.printf(row, "B/sample added by the load after the DELETE", format(reload, 1),
                "first load " + format(firstLoad, 1), format(reload / firstLoad, 2), "");
        if (postgresql) {
            System.out.printf(row, "B/sample remaining, tables and indexes", format(live, 1), "", "", "≤ 120");
        } else {
            double compacted = number(figures, "compacted") / (double) remaining;
            double stopped = number(figures, "stopped") / (double) remaining;
            // The first load left as many samples as remain at the end (the reload replaced the
            // deleted half), so the compacted copy is the reference for both.
            System.out.printf(row, "B/sample after the first load, live file", format(firstLoad, 1),
                    "compacted " + format(compacted, 1), format(firstLoad / compacted, 2), "≤ 1.5, and ≤ 100 B");
            System.out.printf(row, "B/sample remaining, live file", format(live, 1),
                    "compacted " + format(compacted, 1), format(live / compacted, 2), "");
            System.out.printf(row, "B/sample remaining, after a clean stop", format(stopped, 1),
                    "compacted " + format(compacted, 1), format(stopped / compacted, 2), "");
        }
    }

    /** The ceiling: its figures into {@code figures}, its rates returned. */
    static Rates ceiling(Path data, boolean postgresql, Shape shape, long samples, Properties figures)
            throws Exception {
        Path migrations = Path.of(System.getProperty("migrations",
                "src/main/resources/db/migration/" + (postgresql ? "postgresql" : "h2")));
        List<Path> scripts = migrations(migrations);
        Database database = postgresql
                ? new Database(System.getenv("APOLLO_DB_URL"), System.getenv("APOLLO_DB_USER"),
                        System.getenv("APOLLO_DB_PASSWORD"), CEILING_SCHEMA)
                : Database.h2In(data.resolve("ceiling"));
        if (postgresql) {
            try (Connection db = database.withoutSchema(); Statement sql = db.createStatement()) {
                sql.execute("DROP SCHEMA IF EXISTS " + CEILING_SCHEMA + " CASCADE");
                sql.execute("CREATE SCHEMA " + CEILING_SCHEMA);
            }
        }
        try {
            // Held open until the size is read: H2 would otherwise close the database, compacting it.
            try (Connection db = database.open()) {
                try (Statement sql = db.createStatement()) {
                    for (Path script : scripts) {
                        sql.execute(Files.readString(script));
                    }
                }
                Rates rows = ceilingRows(database, postgresql, shape, samples);
                long bytes = postgresql ? Store.postgresqlBytes(db) : h2Bytes(data.resolve("ceiling"));
                System.out.printf("ceiling (plain JDBC, schema %s of %s): %,.0f rows/s, second half %,.0f;"
                        + " %,d bytes on disk, %.1f B/row%n", scripts.stream().map(p -> p.getFileName().toString())
                        .toList(), migrations, rows.whole(), rows.secondHalf(), bytes, (double) bytes / samples);
                figures.setProperty("ceiling", String.valueOf(rows.whole()));
                figures.setProperty("ceilingSecondHalf", String.valueOf(rows.secondHalf()));
                figures.setProperty("ceilingBytes", String.valueOf(bytes));
                return rows;
            }
        } finally {
            if (postgresql) {
                try (Connection db = database.withoutSchema(); Statement sql = db.createStatement()) {
                    sql.execute("DROP SCHEMA " + CEILING_SCHEMA + " CASCADE");
                }
            } else {
                // Up to a copy of the service's data: not kept for the rest of the run.
                try (Stream<Path> files = Files.list(data.resolve("ceiling"))) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    // ================================================================================================
    // THE CEILING'S WRITES. Every statement the ceiling sends to its tables is in this one method,
    // written for schema V2 (devices.device_key; series (device_key, timeseries_id, metric) ->
    // series_key; samples keyed by (series_key, sample_time)). Keep it in step with db/migration.
    // ================================================================================================
    /**
     * Rows/s of the same rows the service is sent, written as the service writes a batch, by
     * CLIENTS threads, a batch of BATCH rows per transaction: lock the device's row
     * ({@code SELECT ... FOR UPDATE}), upsert the samples on (series, time) (H2 {@code MERGE ... KEY},
     * PostgreSQL {@code INSERT ... ON CONFLICT}), commit. The device and its series rows are
     * inserted first, untimed: the service registers them once too.
     */
    static Rates ceilingRows(Database database, boolean postgresql, Shape shape, long samples)
            throws Exception {
        int deviceKey;
        int[] seriesKeys = new int[TIMESERIES];
        try (Connection db = database.open()) {
            try (PreparedStatement device = db.prepareStatement(
                    "INSERT INTO devices (device_id, collection_id) VALUES (?, 'bench')")) {
                device.setString(1, shape.device());
                device.executeUpdate();
            }
            try (PreparedStatement key = db.prepareStatement("SELECT device_key FROM devices WHERE device_id = ?")) {
                key.setString(1, shape.device());
                deviceKey = single(key);
            }
            try (PreparedStatement series = db.prepareStatement(
                            "INSERT INTO series (device_key, timeseries_id, metric) VALUES (?, ?, ?)");
                    PreparedStatement key = db.prepareStatement(
                            "SELECT series_key FROM series WHERE device_key = ? AND timeseries_id = ?"
                                    + " AND metric = ?")) {
                for (int ts = 0; ts < TIMESERIES; ts++) {
                    for (PreparedStatement statement : List.of(series, key)) {
                        statement.setInt(1, deviceKey);
                        statement.setString(2, shape.timeseries().get(ts));
                        statement.setString(3, METRIC);
                    }
                    series.executeUpdate();
                    seriesKeys[ts] = single(key);
                }
            }
        }
        String upsert = postgresql
                ? "INSERT INTO samples (value_text, value_is_number, ingested_at, series_key, device_key, sample_time)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series_key, sample_time) DO UPDATE SET"
                        + " value_text = EXCLUDED.value_text, value_is_number = EXCLUDED.value_is_number,"
                        + " ingested_at = EXCLUDED.ingested_at"
                : "MERGE INTO samples (value_text, value_is_number, ingested_at, series_key, device_key, sample_time)"
                        + " KEY (series_key, sample_time) VALUES (?, ?, ?, ?, ?, ?)";
        Batches batches = new Batches(samples);
        return batches.run(() -> {
            try (Connection db = database.open();
                    PreparedStatement lock = db.prepareStatement(
                            "SELECT collection_id, device_key FROM devices WHERE device_id = ? FOR UPDATE");
                    PreparedStatement write = db.prepareStatement(upsert)) {
                db.setAutoCommit(false);
                for (long batch = batches.next(); batch >= 0; batch = batches.next()) {
                    lock.setString(1, shape.device());
                    try (ResultSet locked = lock.executeQuery()) {
                        if (!locked.next()) {
                            throw new IllegalStateException("No device " + shape.device());
                        }
                    }
                    OffsetDateTime ingestedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    for (long second = batch * SECONDS_PER_BATCH; second < (batch + 1) * SECONDS_PER_BATCH; second++) {
                        for (int ts = 0; ts < TIMESERIES; ts++) {
                            write.setString(1, Shape.value(second, ts));
                            write.setBoolean(2, true);
                            write.setObject(3, ingestedAt);
                            write.setInt(4, seriesKeys[ts]);
                            write.setInt(5, deviceKey);
                            write.setObject(6, OffsetDateTime.ofInstant(T0.plusSeconds(second), ZoneOffset.UTC));
                            write.addBatch();
                        }
                    }
                    write.executeBatch();
                    db.commit();
                }
            }
            return null;
        });
    }
    // ======================================= end of the ceiling's writes ============================

    static int single(PreparedStatement query) throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            if (!result.next()) {
                throw new IllegalStateException("No row for the ceiling's set-up query");
            }
            return result.getInt(1);
        }
    }

    /** The Flyway scripts V<version>__<description>.sql of a folder, in version order (1 < 1.1 < 2 < 10). */
    static List<Path> migrations(Path folder) throws IOException {
        Pattern name = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
        Comparator<Path> byVersion = (a, b) -> {
            String[] x = version(name, a).split("[._]");
            String[] y = version(name, b).split("[._]");
            for (int i = 0; i < Math.max(x.length, y.length); i++) {
                BigInteger left = new BigInteger(i < x.length ? x[i] : "0");
                int order = left.compareTo(new BigInteger(i < y.length ? y[i] : "0"));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> scripts = files.filter(f -> name.matcher(f.getFileName().toString()).matches())
                    .sorted(byVersion).toList();
            if (scripts.isEmpty()) {
                throw new IllegalStateException("No migrations V*__*.sql in " + folder);
            }
            return scripts;
        }
    }

    static String version(Pattern name, Path script) {
        Matcher matcher = name.matcher(script.getFileName().toString());
        matcher.matches();
        return matcher.group(1);
    }

    /**
     * The properties of the service's H2 pool (url, user, password) as post-boot-commands.asadmin
     * gives them: {@code --property key=value:key=value}, with {@code \:} and {@code \=} escaped.
     */
    static Map<String, String> servicePool() throws IOException {
        Matcher property = Pattern.compile("--property (\\S+)").matcher(Files.readString(Path.of(POOL_COMMANDS)));
        if (!property.find()) {
            throw new IllegalStateException("No --property list in " + POOL_COMMANDS);
        }
        Map<String, String> pool = new HashMap<>();
        for (String pair : property.group(1).split("(?<!\\\\):")) {
            String[] keyValue = pair.split("(?<!\\\\)=", 2);
            pool.put(keyValue[0], keyValue[1].replace("\\:", ":").replace("\\=", "="));
        }
        return pool;
    }

    /** A database the ceiling writes to: on PostgreSQL, in {@code schema} (the connection's search path). */
    record Database(String url, String user, String password, String schema) {

        /** A fresh H2 file database in {@code folder}, with the service pool's URL settings, user and password. */
        static Database h2In(Path folder) throws IOException {
            Map<String, String> pool = servicePool();
            return new Database(pool.get("url").replace("${apollo.data.dir}", folder.toString()), pool.get("user"),
                    pool.get("password"), null);
        }

        Connection open() throws SQLException {
            Connection db = withoutSchema();
            if (schema != null) {
                try (Statement sql = db.createStatement()) {
                    sql.execute("SET search_path TO " + schema);
                }
            }
            return db;
        }

        Connection withoutSchema() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** Where the service keeps its samples, and how many bytes they take there. */
    record Store(Path data, boolean postgresql) {

        static Store ofService(Path data) {
            String url = System.getenv("APOLLO_DB_URL");
            return new Store(data, url != null && !url.isEmpty());
        }

        long bytes() throws Exception {
            if (!postgresql) {
                return h2Bytes(data);
            }
            try (Connection db = DriverManager.getConnection(System.getenv("APOLLO_DB_URL"),
                    System.getenv("APOLLO_DB_USER"), System.getenv("APOLLO_DB_PASSWORD"))) {
                return postgresqlBytes(db);
            }
        }

        /**
         * On PostgreSQL, what autovacuum does within a minute of a delete this large (more than a
         * fifth of the table dead): the deleted rows' space becomes reusable by the next load.
         * H2 has nothing to run while it serves (only an offline compaction).
         */
        void vacuum() throws Exception {
            if (postgresql) {
                try (Connection db = DriverManager.getConnection(System.getenv("APOLLO_DB_URL"),
                        System.getenv("APOLLO_DB_USER"), System.getenv("APOLLO_DB_PASSWORD"));
                        Statement sql = db.createStatement()) {
                    sql.execute("VACUUM samples");
                }
            }
        }

        /** Every table of the connection's current schema, with its indexes and TOAST. */
        static long postgresqlBytes(Connection db) throws SQLException {
            try (Statement sql = db.createStatement(); ResultSet size = sql.executeQuery(
                    "SELECT COALESCE(SUM(pg_total_relation_size(format('%I.%I', schemaname, tablename))), 0)"
                            + " FROM pg_tables WHERE schemaname = current_schema()")) {
                size.next();
                return size.getLong(1);
            }
        }
    }

    /** The size of the H2 database file in {@code folder} (its subfolders hold other databases). */
    static long h2Bytes(Path folder) throws IOException {
        return Files.size(h2File(folder));
    }

    static Path h2File(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> databases = files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList();
            if (databases.size() != 1) {
                throw new IllegalStateException("Not one *.mv.db file in " + folder + ": " + databases);
            }
            return databases.get(0);
        }
    }

    /** The device and its timeseries; values and times are the same whatever the ids. */
    record Shape(String device, List<String> timeseries) {

        static final Shape SHORT = new Shape("d", List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"));

        static Shape random() {
            return new Shape(UUID.randomUUID().toString(),
                    Stream.generate(() -> UUID.randomUUID().toString()).limit(TIMESERIES).toList());
        }

        /** 0.0 to 99.9, scattered (a hash of second and timeseries), the same for the service and the ceiling. */
        static String value(long second, int timeseries) {
            long hash = (second * TIMESERIES + timeseries + 1) * 0x9E3779B97F4A7C15L;
            int tenths = (int) Math.floorMod(hash >>> 20, 1000L);
            return tenths / 10 + "." + tenths % 10;
        }

        /** The JSON array of {@code seconds} seconds from {@code first}, each with a sample of every timeseries. */
        String body(long first, int seconds) {
            StringBuilder body = new StringBuilder(seconds * TIMESERIES * 130).append('[');
            for (long second = first; second < first + seconds; second++) {
                String timestamp = T0.plusSeconds(second).toString();
                for (int ts = 0; ts < TIMESERIES; ts++) {
                    body.append(body.length() == 1 ? "" : ",")
                            .append("{\"timeseriesId\":\"").append(timeseries.get(ts))
                            .append("\",\"val\":").append(value(second, ts))
                            .append(",\"timestamp\":\"").append(timestamp)
                            .append("\",\"metric\":\"").append(METRIC).append("\"}");
                }
            }
            return body.append(']').toString();
        }
    }

    /** CLIENTS connections posting the batches of {@code samples} samples from second {@code first} between them. */
    static Rates postBatches(Shape shape, long first, long samples) throws Exception {
        Batches batches = new Batches(samples);
        return batches.run(() -> {
            try (HttpConnection http = new HttpConnection(base)) {
                for (long batch = batches.next(); batch >= 0; batch = batches.next()) {
                    post(http, shape.device(), shape.body(first + batch * SECONDS_PER_BATCH, SECONDS_PER_BATCH));
                }
            }
            return null;
        });
    }

    /** Samples/s of a load, over all of it and over its second half (the JITs warmer: see the class comment). */
    record Rates(double whole, double secondHalf) {
    }

    /** The batch numbers of a load of {@code samples}, handed out one at a time to its workers. */
    static final class Batches {

        private final long count;
        private final AtomicLong next = new AtomicLong();
        /** When batch count / 2 was handed out: the rest are the second half. */
        private volatile long secondHalfStarted;

        Batches(long samples) {
            count = samples / BATCH;
        }

        /** The next batch to write, or -1 when all have been handed out. */
        long next() {
            long batch = next.getAndIncrement();
            if (batch == count / 2) {
                secondHalfStarted = System.nanoTime();
            }
            return batch < count ? batch : -1;
        }

        /** CLIENTS copies of {@code worker}, each taking batches until none are left. */
        Rates run(Callable<Void> worker) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                long started = System.nanoTime();
                List<Future<Void>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(pool.submit(worker));
                }
                for (Future<Void> client : running) {
                    client.get();
                }
                long ended = System.nanoTime();
                return new Rates(count * BATCH / ((ended - started) / 1e9),
                        (count - count / 2) * BATCH / ((ended - secondHalfStarted) / 1e9));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    record Deletion(long deleted, double seconds, long[] otherLatencies, long otherSamples) {
    }

    /**
     * One DELETE of the device's samples before {@code end}, while CLIENTS other connections post
     * batches of OTHER_BATCH for devices other-0, other-1, ...: the latencies of those sent while
     * it ran. Each has posted once before the DELETE starts, so that no latency includes
     * registering its device.
     */
    static Deletion deleteBefore(Shape shape, Instant end) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch registered = new CountDownLatch(CLIENTS);
        AtomicBoolean deleting = new AtomicBoolean(true);
        List<Future<long[]>> posters = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String device = "other-" + c;
            posters.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                try (HttpConnection http = new HttpConnection(base)) {
                    long second = 0;
                    try {
                        post(http, device, shape.body(second++, 1));
                    } finally {
                        registered.countDown();
                    }
                    while (deleting.get()) {
                        latencies.add(post(http, device, shape.body(second++, 1)));
                    }
                }
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        registered.await();
        HttpConnection.Response response;
        long deleteStarted = System.nanoTime();
        long deleteNanos;
        try (HttpConnection http = new HttpConnection(base)) {
            response = http.send("DELETE", "/apollo/devices/" + shape.device() + "/timeseries/samples?endTime=" + end,
                    token, null);
            deleteNanos = System.nanoTime() - deleteStarted;
        } finally {
            deleting.set(false);
        }
        List<long[]> perPoster = new ArrayList<>();
        for (Future<long[]> poster : posters) {
            perPoster.add(poster.get());
        }
        pool.shutdown();
        if (response.status() != 200) {
            throw new IllegalStateException("DELETE: " + response.status() + " " + response.body());
        }
        Matcher deleted = Pattern.compile("\"deleted\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (!deleted.find()) {
            throw new IllegalStateException("DELETE answered without a count: " + response.body());
        }
        long[] latencies = perPoster.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        // Each poster's registering POST is stored too, though not timed.
        long otherSamples = (latencies.length + CLIENTS) * (long) OTHER_BATCH;
        return new Deletion(Long.parseLong(deleted.group(1)), deleteNanos / 1e9, latencies, otherSamples);
    }

    /** In ms, of sorted latencies in ns; the largest for 1. */
    static double percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))] / 1e6;
    }

    static long number(Properties figures, String name) {
        return Long.parseLong(figures.getProperty(name));
    }

    static double decimal(Properties figures, String name) {
        return Double.parseDouble(figures.getProperty(name));
    }

    static String format(double value, int decimals) {
        return String.format("%,." + decimals + "f", value);
    }

    /** Latency in ns of one POST of a batch, which must be accepted. */
    static long post(HttpConnection http, String device, String body) throws IOException {
        return http.timedAccepted("/apollo/devices/" + device + "/timeseries/samples", token,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
