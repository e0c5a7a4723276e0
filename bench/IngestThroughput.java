import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest throughput of the service against its database's ceiling, measured in one run so that
 * their ratio holds on a shared machine. Each round:
 * <ol>
 *   <li>the service: CLIENTS connections posting batches of 1,000 new samples for SECONDS s;</li>
 *   <li>with a baseline server (another build, on a database of its own), the same for it;</li>
 *   <li>the ceiling: the same rows upserted by plain JDBC, batches of 1,000, one transaction each,
 *       from CLIENTS threads, into a table with the service's keys and indexes in the same kind of
 *       database, in two ways: a JDBC batch of one statement a row (H2 {@code MERGE ... KEY},
 *       PostgreSQL {@code INSERT ... ON CONFLICT}), and one statement a batch taking the columns as
 *       arrays ({@code TABLE(...)}, {@code unnest(...)}); the better of the two is the ceiling; and,
 *       as a reference for what keeping a minutes table costs the database at the least, the
 *       same rows in arrays with each batch's minutes computed by the client and added to a table
 *       like the service's ({@link Way#ARRAYS_AND_MINUTES}: as the service adds a batch of new
 *       samples' minutes on PostgreSQL, without its statement's other parts; H2's service
 *       recomputes them);</li>
 *   <li>the service re-posting those batches (existing keys, as retries do), then the ceiling
 *       upserting them again;</li>
 *   <li>single-sample POSTs from SINGLE_CLIENTS connections: requests/s, p50, p99;</li>
 *   <li>their ceiling: the same transaction by plain JDBC from SINGLE_CLIENTS threads, each on a
 *       connection of its own with its statements prepared once: lock a row (the device's; the
 *       service locks its series' row, the same work: {@code SELECT ... FOR UPDATE}), upsert one
 *       sample, commit;</li>
 *   <li>one device from many connections: single-sample POSTs and batches of 1,000 from
 *       SINGLE_CLIENTS connections, all to one device, next to the same load on a device per
 *       connection (each connection writes series of its own either way: batches of one device are
 *       written side by side unless they write the same series); with a baseline server, the same
 *       for it.</li>
 * </ol>
 * The tables grow round after round (the ceiling's twice as fast: it holds the rows of both ways).
 * The medians of ROUNDS rounds are printed, with the server's largest resident set size seen while
 * it was under load. The JITs of all are warmed up first.
 *
 *   java -cp DIR_WITH_HTTPCONNECTION:JDBC_DRIVERS bench/IngestThroughput.java BASE_URL TOKEN SERVER_PID CEILING_JDBC_URL USER PASSWORD
 *       [BASELINE_BASE_URL]
 */
public class IngestThroughput {

    static final int BATCH = 1_000;
    static final int CLIENTS = 2;
    static final int SINGLE_CLIENTS = 8;
    static final int SECONDS = Integer.getInteger("seconds", 10);
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    /** Rounds of 5 s of batches and 5 s of single samples; Payara's JIT takes about a minute on 2 cores. */
    static final int WARM_UP_ROUNDS = Integer.getInteger("warmUpRounds", 6);
    static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    static URI base;
    /** The previous design's server, when one runs beside (bench/server.sh start_baseline), or null. */
    static URI baselineBase;
    static String token;
    static long serverPid;
    static final AtomicLong maxRss = new AtomicLong();
    /** The ceiling's device keys, by device name, as the service's devices table assigns them. */
    static final Map<String, Integer> DEVICE_KEYS = new ConcurrentHashMap<>();
    static final AtomicInteger NEXT_DEVICE_KEY = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        base = URI.create(args[0]);
        token = args[1];
        serverPid = Long.parseLong(args[2]);
        String jdbc = args[3];
        boolean postgresql = jdbc.startsWith("jdbc:postgresql:");
        baselineBase = args.length > 6 ? URI.create(args[6]) : null;

        try (Connection setUp = DriverManager.getConnection(jdbc, args[4], args[5])) {
            createCeilingTable(setUp, postgresql);
        }
        Ceiling ceiling = new Ceiling(jdbc, args[4], args[5], postgresql);
        warmUp(ceiling);
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // The service's table and the ceiling's get the same rows, round after round.
            String prefix = "r" + round + "-batch";
            Result fresh = load(base, CLIENTS, BATCH, prefix, SECONDS, null);
            double baselineNew = baselineBase == null ? Double.NaN
                    : load(baselineBase, CLIENTS, BATCH, prefix, SECONDS, null).samplesPerSecond;
            // The two ways to write the rows: into two devices' keys, so that both write new rows.
            double ceilingRows = ceiling.upsert(prefix, fresh.batchesPerClient, Way.ROWS);
            double ceilingSet = ceiling.upsert(prefix + "-set", fresh.batchesPerClient, Way.ARRAYS);
            double ceilingNew = Math.max(ceilingRows, ceilingSet);
            double ceilingMinutes = ceiling.upsert(prefix + "-minutes", fresh.batchesPerClient, Way.ARRAYS_AND_MINUTES);
            Result again = load(base, CLIENTS, BATCH, prefix, SECONDS, fresh.batchesPerClient);
            double ceilingExisting = Math.max(ceiling.upsert(prefix, fresh.batchesPerClient, Way.ROWS),
                    ceiling.upsert(prefix + "-set", fresh.batchesPerClient, Way.ARRAYS));
            Result singles = load(base, SINGLE_CLIENTS, 1, "r" + round + "-single", SECONDS, null);
            double ceilingSingles = ceiling.singles("r" + round + "-single", SECONDS);
            double[] figures = {ceilingNew, fresh.samplesPerSecond, ceilingExisting, again.samplesPerSecond,
                    singles.requestsPerSecond, singles.p50, singles.p99, fresh.p50, fresh.p99, ceilingSingles,
                    ceilingRows, ceilingSet, baselineNew, ceilingMinutes};
            rounds.add(figures);
            System.out.printf("round %d: ceiling new %.0f/s (JDBC batch %.0f/s, arrays %.0f/s), service new %.0f/s"
                    + " (%.2f); ceiling existing %.0f/s, service existing %.0f/s (%.2f); single %.0f req/s p50 %.1f ms"
                    + " p99 %.1f ms, ceiling %.0f/s (%.2f)%n",
                    round + 1, figures[0], figures[10], figures[11], figures[1], figures[1] / figures[0], figures[2],
                    figures[3],
                    figures[3] / figures[2], figures[4], figures[5], figures[6], figures[9], figures[4] / figures[9]);
            System.out.printf("  ceiling with the minutes kept %.0f/s (%.2f of the same rows in arrays without them);"
                    + " service %.2f of it%n", ceilingMinutes, ceilingMinutes / ceilingSet, figures[1] / ceilingMinutes);
            if (baselineBase != null) {
                System.out.printf("  baseline new %.0f/s (%.2f of the ceiling); this build %.2f x the baseline%n",
                        baselineNew, baselineNew / ceilingNew, fresh.samplesPerSecond / baselineNew);
            }
        }
        List<double[]> oneDevice = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            oneDevice.add(oneDevice(round));
        }
        double[] median = new double[rounds.get(0).length];
        for (int i = 0; i < median.length; i++) {
            int column = i;
            double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
            median[i] = values[values.length / 2];
        }
        double[] newRatios = rounds.stream().mapToDouble(r -> r[1] / r[0]).sorted().toArray();
        double[] existingRatios = rounds.stream().mapToDouble(r -> r[3] / r[2]).sorted().toArray();
        double[] singleRatios = rounds.stream().mapToDouble(r -> r[4] / r[9]).sorted().toArray();
        System.out.printf("%nmedians of %d rounds of %d s (%s):%n", ROUNDS, SECONDS, postgresql ? "PostgreSQL" : "H2");
        System.out.printf("  batches of %d new samples, %d connections: service %.0f samples/s, ceiling %.0f rows/s,"
                + " ratio %.2f (batch p50 %.0f ms, p99 %.0f ms)%n", BATCH, CLIENTS, median[1], median[0],
                newRatios[newRatios.length / 2], median[7], median[8]);
        System.out.printf("    the ceiling is the better of a JDBC batch of one statement a row, %.0f rows/s, and one"
                + " statement a batch taking arrays, %.0f rows/s%n", median[10], median[11]);
        System.out.printf("    the ceiling with the minutes kept (arrays, and each batch's minutes computed by the client"
                + " and added): %.0f rows/s, %.2f of the arrays without them; the service %.2f of it%n", median[13],
                ratio(rounds, 13, 11), ratio(rounds, 1, 13));
        System.out.printf("  batches of %d existing samples (retries): service %.0f samples/s, ceiling %.0f rows/s,"
                + " ratio %.2f%n", BATCH, median[3], median[2], existingRatios[existingRatios.length / 2]);
        if (baselineBase != null) {
            double[] baselineRatios = rounds.stream().mapToDouble(r -> r[12] / r[0]).sorted().toArray();
            double[] speedUps = rounds.stream().mapToDouble(r -> r[1] / r[12]).sorted().toArray();
            System.out.printf("    the baseline build, same batches: %.0f samples/s, ratio %.2f; this build %.2f x the"
                    + " baseline%n", median[12], baselineRatios[baselineRatios.length / 2],
                    speedUps[speedUps.length / 2]);
        }
        System.out.printf("  single-sample POSTs, %d connections: %.0f requests/s, p50 %.1f ms, p99 %.1f ms;"
                + " ceiling (lock, upsert, commit) %.0f transactions/s, ratio %.2f%n", SINGLE_CLIENTS, median[4],
                median[5], median[6], median[9], singleRatios[singleRatios.length / 2]);
        printOneDevice(oneDevice);
        printSharedCommits(base, "this build");
        if (baselineBase != null) {
            printSharedCommits(baselineBase, "the baseline build");
        }
        System.out.printf("  server resident set size, largest seen: %d MiB%n", maxRss.get() / 1024);
        try (Connection setUp = DriverManager.getConnection(jdbc, args[4], args[5])) {
            dropCeilingTable(setUp);
        }
    }

    /**
     * One round of SINGLE_CLIENTS connections on a device each, then on one device: single-sample
     * requests/s and p99 (ms), and samples/s of batches; then the same for the baseline (NaN without one).
     */
    static double[] oneDevice(int round) throws Exception {
        double[] figures = new double[12];
        int at = 0;
        for (URI server : new URI[] {base, baselineBase}) {
            for (boolean one : new boolean[] {false, true}) {
                if (server == null) {
                    figures[at++] = Double.NaN;
                    figures[at++] = Double.NaN;
                    figures[at++] = Double.NaN;
                    continue;
                }
                String prefix = "r" + round + (one ? "-one" : "-many") + (server == base ? "" : "-baseline");
                Result singles = load(server, SINGLE_CLIENTS, 1, prefix + "-single", SECONDS, null, one);
                Result batches = load(server, SINGLE_CLIENTS, BATCH, prefix + "-batch", SECONDS, null, one);
                figures[at++] = singles.requestsPerSecond;
                figures[at++] = singles.p99;
                figures[at++] = batches.samplesPerSecond;
            }
        }
        System.out.printf("round %d, %d connections: singles %.0f req/s (p99 %.1f ms) on a device each, %.0f (p99 %.1f ms)"
                + " on one device (%.2f); batches %.0f samples/s on a device each, %.0f on one device (%.2f)%n",
                round + 1, SINGLE_CLIENTS, figures[0], figures[1], figures[3], figures[4], figures[3] / figures[0],
                figures[2], figures[5], figures[5] / figures[2]);
        if (baselineBase != null) {
            System.out.printf("  baseline: singles %.0f req/s (p99 %.1f ms) on a device each, %.0f (p99 %.1f ms) on one device"
                    + " (%.2f); batches %.0f samples/s on a device each, %.0f on one device (%.2f)%n", figures[6],
                    figures[7], figures[9], figures[10], figures[9] / figures[6], figures[8], figures[11],
                    figures[11] / figures[8]);
        }
        return figures;
    }

    static void printOneDevice(List<double[]> rounds) {
        double[] m = new double[rounds.get(0).length];
        for (int i = 0; i < m.length; i++) {
            int column = i;
            m[i] = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray()[rounds.size() / 2];
        }
        System.out.printf("  one device from %d connections (each its own series), against a device per connection:%n"
                + "    single-sample POSTs %.0f requests/s (p99 %.1f ms) against %.0f (p99 %.1f ms), ratio %.2f%n"
                + "    batches of %d %.0f samples/s against %.0f, ratio %.2f%n", SINGLE_CLIENTS, m[3], m[4], m[0], m[1],
                ratio(rounds, 3, 0), BATCH, m[5], m[2], ratio(rounds, 5, 2));
        if (baselineBase != null) {
            System.out.printf("    the baseline build: single-sample POSTs %.0f against %.0f, ratio %.2f; batches %.0f"
                    + " against %.0f, ratio %.2f%n", m[9], m[6], ratio(rounds, 9, 6), m[11], m[8], ratio(rounds, 11, 8));
            System.out.printf("    this build / the baseline (medians of the rounds' ratios): single-sample POSTs %.2f on a"
                    + " device each, %.2f on one device; batches %.2f and %.2f%n", ratio(rounds, 0, 6),
                    ratio(rounds, 3, 9), ratio(rounds, 2, 8), ratio(rounds, 5, 11));
        }
    }

    /**
     * How many batches the server's shared commits held, over the whole run (its /metrics), or
     * that it had none (switched off, or a build without them).
     */
    static void printSharedCommits(URI server, String build) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double commits = metric(metrics, "apollo_shared_commits_total{", "outcome=\"committed\"");
        double batches = metric(metrics, "apollo_shared_commit_batches_total", "");
        System.out.printf("  %s: %.0f shared commits held %.0f batches (%.1f a commit)%n", build, commits, batches,
                commits == 0 ? 0 : batches / commits);
    }

    /** The value of the first series whose line starts so and has that label (in any order), 0 without one. */
    static double metric(String metrics, String start, String label) {
        return metrics.lines().filter(line -> line.startsWith(start) && line.contains(label)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    /** The median of the rounds' ratios of two columns. */
    static double ratio(List<double[]> rounds, int numerator, int denominator) {
        double[] ratios = rounds.stream().mapToDouble(r -> r[numerator] / r[denominator]).sorted().toArray();
        return ratios[ratios.length / 2];
    }

    record Result(double samplesPerSecond, double requestsPerSecond, double p50, double p99, int[] batchesPerClient) {
    }

    static Result load(URI server, int clients, int size, String devicePrefix, int seconds, int[] cycle)
            throws Exception {
        return load(server, clients, size, devicePrefix, seconds, cycle, false);
    }

    /**
     * Connections posting batches for some seconds, each client to its own device (or all to one),
     * batch n of client c holding the keys {@link #body} gives it; with {@code cycle}, client c
     * re-posts its first cycle[c] batches over and over (existing keys).
     */
    static Result load(URI server, int clients, int size, String devicePrefix, int seconds, int[] cycle,
            boolean oneDevice) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String device = oneDevice ? devicePrefix : devicePrefix + "-" + c;
            String series = "c" + c + "-ts-";
            int repeat = cycle == null ? Integer.MAX_VALUE : cycle[c];
            workers.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                try (HttpConnection http = new HttpConnection(server)) {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        latencies.add(post(http, device, body(series, size, (long) (n % repeat) * size)));
                    }
                }
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        Future<?> rss = pool.submit(() -> watchRss(deadline));
        long[] all = new long[0];
        int[] perClient = new int[clients];
        for (int c = 0; c < clients; c++) {
            long[] some = workers.get(c).get();
            perClient[c] = some.length;
            long[] merged = Arrays.copyOf(all, all.length + some.length);
            System.arraycopy(some, 0, merged, all.length, some.length);
            all = merged;
        }
        rss.get();
        pool.shutdown();
        Arrays.sort(all);
        return new Result(all.length * (double) size / seconds, all.length / seconds,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, perClient);
    }

    /** {@code size} samples of the 10 series {@code series}0 to 9 in turn, one a second from T0 plus {@code offset} s. */
    static String body(String series, int size, long offset) {
        StringBuilder body = new StringBuilder(size * 110).append('[');
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"timeseriesId\":\"").append(series).append(i % 10)
                    .append("\",\"val\":").append(i)
                    .append(",\"timestamp\":\"").append(T0.plusSeconds(offset + i))
                    .append("\",\"metric\":\"Raw\"}");
        }
        return body.append(']').toString();
    }

    /** Latency in ns of one POST of a batch, which must be accepted. */
    static long post(HttpConnection http, String device, String body) throws IOException {
        return http.timedAccepted("/apollo/devices/" + device + "/timeseries/samples", token,
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Until both JITs have compiled the paths measured: a first measurement would time the compilers. */
    static void warmUp(Ceiling ceiling) throws Exception {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            Result batches = load(base, CLIENTS, BATCH, "warm-up-batch-" + round, 5, null);
            if (baselineBase != null) {
                load(baselineBase, CLIENTS, BATCH, "warm-up-batch-" + round, 5, null);
            }
            ceiling.upsert("warm-up-batch-" + round, batches.batchesPerClient, Way.ROWS);
            ceiling.upsert("warm-up-batch-" + round + "-set", batches.batchesPerClient, Way.ARRAYS);
            ceiling.upsert("warm-up-batch-" + round + "-minutes", batches.batchesPerClient, Way.ARRAYS_AND_MINUTES);
            load(base, SINGLE_CLIENTS, 1, "warm-up-single-" + round, 5, null);
            if (baselineBase != null) {
                load(baselineBase, SINGLE_CLIENTS, 1, "warm-up-single-" + round, 5, null);
            }
            ceiling.singles("warm-up-single-" + round, 5);
        }
    }

    static void watchRss(long deadline) {
        Path status = Path.of("/proc", String.valueOf(serverPid), "status");
        try {
            while (System.nanoTime() < deadline) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("\\D", ""));
                        maxRss.accumulateAndGet(kib, Math::max);
                    }
                }
                Thread.sleep(200);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Reading the server's memory failed", e);
        }
    }

    static void createCeilingTable(Connection db, boolean postgresql) throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS ceiling_samples");
            sql.execute("DROP TABLE IF EXISTS ceiling_devices");
            sql.execute("DROP TABLE IF EXISTS ceiling_minutes");
            sql.execute("CREATE TABLE ceiling_devices (device_id VARCHAR(128) NOT NULL PRIMARY KEY,"
                    + " collection_id VARCHAR(128) NOT NULL)");
            // The service's samples table and indexes on that database (db/migration, V2): keyed by
            // series, with the device's key for reads in time order.
            sql.execute("CREATE TABLE ceiling_samples (series_key INTEGER NOT NULL, device_key INTEGER NOT NULL,"
                    + " sample_time TIMESTAMP(6) WITH TIME ZONE NOT NULL, ingested_at TIMESTAMP(6) WITH TIME ZONE"
                    + " NOT NULL, value_text VARCHAR(1024) NOT NULL, value_is_number BOOLEAN NOT NULL,"
                    + " PRIMARY KEY (series_key, sample_time))");
            sql.execute("CREATE INDEX ceiling_by_time ON ceiling_samples (device_key, sample_time)");
            // The service's minutes table (db/migration, V3).
            String decimal = postgresql ? "NUMERIC" : "DECFLOAT";
            sql.execute("CREATE TABLE ceiling_minutes (series_key INTEGER NOT NULL, epoch_minute BIGINT NOT NULL,"
                    + " sample_count INTEGER NOT NULL, number_count INTEGER NOT NULL, number_sum " + decimal + ","
                    + " number_min " + decimal + ", number_max " + decimal + ", first_time TIMESTAMP(6) WITH TIME ZONE"
                    + " NOT NULL, last_time TIMESTAMP(6) WITH TIME ZONE NOT NULL, PRIMARY KEY (series_key, epoch_minute))");
            if (!postgresql) {
                sql.execute("CREATE INDEX ceiling_by_series_desc ON ceiling_samples (series_key, sample_time DESC)");
                sql.execute("CREATE INDEX ceiling_by_time_desc ON ceiling_samples (device_key, sample_time DESC)");
            }
        }
    }

    static void dropCeilingTable(Connection db) throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE ceiling_samples");
            sql.execute("DROP TABLE ceiling_devices");
            sql.execute("DROP TABLE ceiling_minutes");
        }
    }

    /**
     * How the ceiling writes a batch: a JDBC batch of one statement a row (H2 {@code MERGE ... KEY},
     * PostgreSQL {@code INSERT ... ON CONFLICT}); one statement taking the columns as arrays; or
     * that statement and the batch's minutes, computed by the client and added to a minutes table
     * (the cheapest the database keeps them: no grouping and no decimal of a sample in SQL).
     */
    enum Way { ROWS, ARRAYS, ARRAYS_AND_MINUTES }

    /** Plain JDBC batch upserts of the rows the service was sent, into the ceiling table. */
    record Ceiling(String jdbc, String user, String password, boolean postgresql) {

        /**
         * Rows/s of CLIENTS threads upserting the batches client c posted to device PREFIX-c, one
         * transaction each, in one of the {@link Way}s.
         */
        double upsert(String devicePrefix, int[] batchesPerClient, Way way) throws Exception {
            String upsert = way == Way.ROWS ? upsertStatement() : setStatement();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Long>> workers = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                String device = devicePrefix + "-" + c;
                int batches = batchesPerClient[c];
                workers.add(pool.submit(() -> {
                    long rows = 0;
                    boolean minutesApart = way == Way.ARRAYS_AND_MINUTES && !postgresql;
                    // PostgreSQL: one statement, as the service's; H2: a second one (in process, no round trip).
                    try (Connection db = DriverManager.getConnection(jdbc, user, password);
                            PreparedStatement statement = db.prepareStatement(way == Way.ARRAYS_AND_MINUTES && postgresql
                                    ? "WITH written AS (" + upsert + ") " + addMinutesStatement() : upsert);
                            PreparedStatement minutes = minutesApart ? db.prepareStatement(addMinutesStatement()) : null) {
                        db.setAutoCommit(false);
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                        for (long n = 0; n < batches; n++) {
                            if (way == Way.ROWS) {
                                for (int i = 0; i < BATCH; i++) {
                                    bind(statement, device, i, n * BATCH + i, now);
                                    statement.addBatch();
                                }
                                statement.executeBatch();
                            } else {
                                bindAll(db, statement, device, n * BATCH, now);
                                if (way == Way.ARRAYS_AND_MINUTES) {
                                    // On PostgreSQL after the six parameters of setStatement().
                                    bindMinutes(db, minutesApart ? minutes : statement, minutesApart ? 1 : 7, device,
                                            n * BATCH);
                                }
                                statement.executeUpdate();
                                if (minutesApart) {
                                    minutes.executeUpdate();
                                }
                            }
                            db.commit();
                            rows += BATCH;
                        }
                    }
                    return rows;
                }));
            }
            long rows = 0;
            for (Future<Long> worker : workers) {
                rows += worker.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            return rows / seconds;
        }

        /**
         * Transactions/s of SINGLE_CLIENTS threads, thread c on device PREFIX-c, each transaction
         * what a single-sample POST does in the database: lock the device, upsert one sample, commit.
         */
        double singles(String devicePrefix, int seconds) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(SINGLE_CLIENTS);
            List<Future<Long>> workers = new ArrayList<>();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            for (int c = 0; c < SINGLE_CLIENTS; c++) {
                String device = devicePrefix + "-" + c;
                workers.add(pool.submit(() -> {
                    long transactions = 0;
                    try (Connection db = DriverManager.getConnection(jdbc, user, password);
                            PreparedStatement lock = db.prepareStatement(
                                    "SELECT collection_id FROM ceiling_devices WHERE device_id = ? FOR UPDATE");
                            PreparedStatement upsert = db.prepareStatement(upsertStatement())) {
                        try (PreparedStatement register = db.prepareStatement(
                                "INSERT INTO ceiling_devices (device_id, collection_id) VALUES (?, 'bench')")) {
                            register.setString(1, device);
                            register.executeUpdate();
                        }
                        db.setAutoCommit(false);
                        while (System.nanoTime() < deadline) {
                            lock.setString(1, device);
                            try (ResultSet locked = lock.executeQuery()) {
                                if (!locked.next()) {
                                    throw new IllegalStateException("No device " + device);
                                }
                            }
                            bind(upsert, device, 0, transactions, OffsetDateTime.now(ZoneOffset.UTC));
                            upsert.addBatch();
                            upsert.executeBatch();
                            db.commit();
                            transactions++;
                        }
                    }
                    return transactions;
                }));
            }
            long transactions = 0;
            for (Future<Long> worker : workers) {
                transactions += worker.get();
            }
            pool.shutdown();
            return transactions / (double) seconds;
        }

        String upsertStatement() {
            return postgresql
                    ? "INSERT INTO ceiling_samples (value_text, value_is_number, ingested_at, series_key, device_key,"
                            + " sample_time) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series_key, sample_time) DO UPDATE"
                            + " SET value_text = EXCLUDED.value_text, value_is_number = EXCLUDED.value_is_number,"
                            + " ingested_at = EXCLUDED.ingested_at"
                    : "MERGE INTO ceiling_samples (value_text, value_is_number, ingested_at, series_key, device_key,"
                            + " sample_time) KEY (series_key, sample_time) VALUES (?, ?, ?, ?, ?, ?)";
        }

        /**
         * PostgreSQL's {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT} (the service's
         * statement without its minutes), H2's {@code MERGE ... KEY ... SELECT FROM TABLE(arrays)}.
         */
        String setStatement() {
            return postgresql
                    ? "INSERT INTO ceiling_samples (value_text, value_is_number, ingested_at, series_key, device_key,"
                            + " sample_time) SELECT v, n, CAST(? AS TIMESTAMP WITH TIME ZONE), s, CAST(? AS INTEGER),"
                            + " CAST(t AS TIMESTAMP WITH TIME ZONE) FROM unnest(CAST(? AS TEXT[]), CAST(? AS BOOLEAN[]),"
                            + " CAST(? AS INTEGER[]), CAST(? AS TEXT[])) AS batch (v, n, s, t) ON CONFLICT (series_key,"
                            + " sample_time) DO UPDATE SET value_text = EXCLUDED.value_text, value_is_number ="
                            + " EXCLUDED.value_is_number, ingested_at = EXCLUDED.ingested_at"
                    : "MERGE INTO ceiling_samples (value_text, value_is_number, ingested_at, series_key, device_key,"
                            + " sample_time) KEY (series_key, sample_time) SELECT v, n,"
                            + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE), s, CAST(? AS INTEGER), t FROM TABLE(v VARCHAR(1024)"
                            + " = ?, n BOOLEAN = ?, s INTEGER = ?, t TIMESTAMP(6) WITH TIME ZONE = ?)";
        }

        /**
         * Adds new samples' minutes, computed by the client ({@link #bindMinutes}), to the minutes
         * table: counts and sums added, bounds widened, as the service adds a batch of new samples'
         * on PostgreSQL (its SampleMinutes.addNew, which this follows).
         */
        String addMinutesStatement() {
            return postgresql
                    ? "INSERT INTO ceiling_minutes SELECT * FROM unnest(CAST(? AS INTEGER[]), CAST(? AS BIGINT[]),"
                            + " CAST(? AS INTEGER[]), CAST(? AS INTEGER[]), CAST(CAST(? AS TEXT[]) AS NUMERIC[]),"
                            + " CAST(CAST(? AS TEXT[]) AS NUMERIC[]), CAST(CAST(? AS TEXT[]) AS NUMERIC[]),"
                            + " CAST(CAST(? AS TEXT[]) AS TIMESTAMP WITH TIME ZONE[]), CAST(CAST(? AS TEXT[]) AS TIMESTAMP"
                            + " WITH TIME ZONE[])) ON CONFLICT (series_key, epoch_minute) DO UPDATE SET sample_count ="
                            + " ceiling_minutes.sample_count + EXCLUDED.sample_count, number_count ="
                            + " ceiling_minutes.number_count + EXCLUDED.number_count, number_sum ="
                            + " COALESCE(ceiling_minutes.number_sum + EXCLUDED.number_sum, ceiling_minutes.number_sum,"
                            + " EXCLUDED.number_sum), number_min = LEAST(ceiling_minutes.number_min, EXCLUDED.number_min),"
                            + " number_max = GREATEST(ceiling_minutes.number_max, EXCLUDED.number_max), first_time ="
                            + " LEAST(ceiling_minutes.first_time, EXCLUDED.first_time), last_time ="
                            + " GREATEST(ceiling_minutes.last_time, EXCLUDED.last_time)"
                    : "MERGE INTO ceiling_minutes AS m USING (SELECT * FROM TABLE(series_key INTEGER = ?, epoch_minute"
                            + " BIGINT = ?, sample_count INTEGER = ?, number_count INTEGER = ?, number_sum DECFLOAT = ?,"
                            + " number_min DECFLOAT = ?, number_max DECFLOAT = ?, first_time TIMESTAMP(6) WITH TIME ZONE"
                            + " = ?, last_time TIMESTAMP(6) WITH TIME ZONE = ?)) AS n ON m.series_key = n.series_key AND"
                            + " m.epoch_minute = n.epoch_minute WHEN MATCHED THEN UPDATE SET sample_count ="
                            + " m.sample_count + n.sample_count, number_count = m.number_count + n.number_count,"
                            + " number_sum = COALESCE(m.number_sum + n.number_sum, m.number_sum, n.number_sum),"
                            + " number_min = LEAST(m.number_min, n.number_min) IGNORE NULLS, number_max ="
                            + " GREATEST(m.number_max, n.number_max) IGNORE NULLS, first_time = LEAST(m.first_time,"
                            + " n.first_time), last_time = GREATEST(m.last_time, n.last_time) WHEN NOT MATCHED THEN"
                            + " INSERT VALUES (n.series_key, n.epoch_minute, n.sample_count, n.number_count,"
                            + " n.number_sum, n.number_min, n.number_max, n.first_time, n.last_time)";
        }

        /**
         * The minutes of the rows of a batch for the device ({@link #bindAll}), as nine arrays
         * from parameter {@code first} on: per series and minute, the count of samples and of
         * numbers, their exact sum, minimum and maximum, the first and last times.
         */
        void bindMinutes(Connection db, PreparedStatement statement, int first, String device, long firstSecond)
                throws Exception {
            int deviceKey = DEVICE_KEYS.get(device);
            Map<List<Long>, Object[]> minutes = new LinkedHashMap<>();
            for (int i = 0; i < BATCH; i++) {
                OffsetDateTime time = OffsetDateTime.ofInstant(T0.plusSeconds(firstSecond + i), ZoneOffset.UTC);
                long series = deviceKey * 10L + i % 10;
                long minute = Math.floorDiv(time.toEpochSecond(), 60);
                BigDecimal number = new BigDecimal(String.valueOf(i));
                Object[] row = minutes.get(List.of(series, minute));
                if (row == null) {
                    minutes.put(List.of(series, minute), new Object[] {(int) series, minute, 1, 1, number, number, number,
                        time, time});
                } else {
                    row[2] = (int) row[2] + 1;
                    row[3] = (int) row[3] + 1;
                    row[4] = ((BigDecimal) row[4]).add(number);
                    row[5] = number.compareTo((BigDecimal) row[5]) < 0 ? number : row[5];
                    row[6] = number.compareTo((BigDecimal) row[6]) > 0 ? number : row[6];
                    row[7] = time.isBefore((OffsetDateTime) row[7]) ? time : row[7];
                    row[8] = time.isAfter((OffsetDateTime) row[8]) ? time : row[8];
                }
            }
            String[] types = {"integer", "bigint", "integer", "integer", "text", "text", "text", "text", "text"};
            for (int column = 0; column < types.length; column++) {
                Object[] values = new Object[minutes.size()];
                int row = 0;
                for (Object[] minute : minutes.values()) {
                    values[row++] = postgresql && column >= 4 ? minute[column].toString() : minute[column];
                }
                if (postgresql) {
                    statement.setArray(first + column, db.createArrayOf(types[column], values));
                } else {
                    statement.setObject(first + column, values);
                }
            }
        }

        /** The rows of a batch for the device, as {@link #bind} gives them, as arrays of columns. */
        void bindAll(Connection db, PreparedStatement upsert, String device, long first, OffsetDateTime now)
                throws Exception {
            int deviceKey = DEVICE_KEYS.computeIfAbsent(device, name -> NEXT_DEVICE_KEY.incrementAndGet());
            Object[] values = new Object[BATCH];
            Object[] numeric = new Object[BATCH];
            Object[] series = new Object[BATCH];
            Object[] times = new Object[BATCH];
            for (int i = 0; i < BATCH; i++) {
                OffsetDateTime time = OffsetDateTime.ofInstant(T0.plusSeconds(first + i), ZoneOffset.UTC);
                values[i] = String.valueOf(i);
                numeric[i] = true;
                series[i] = deviceKey * 10 + i % 10;
                times[i] = postgresql ? time.toString() : time;
            }
            upsert.setObject(1, now);
            upsert.setInt(2, deviceKey);
            if (postgresql) {
                upsert.setArray(3, db.createArrayOf("text", values));
                upsert.setArray(4, db.createArrayOf("boolean", numeric));
                upsert.setArray(5, db.createArrayOf("integer", series));
                upsert.setArray(6, db.createArrayOf("text", times));
            } else {
                upsert.setObject(3, values);
                upsert.setObject(4, numeric);
                upsert.setObject(5, series);
                upsert.setObject(6, times);
            }
        }

        /**
         * The row of sample i of a batch for the device, as the service writes it: the device's
         * key and its series' keys (10 timeseries) are what the service would have registered.
         */
        static void bind(PreparedStatement upsert, String device, int i, long second, OffsetDateTime now)
                throws Exception {
            int deviceKey = DEVICE_KEYS.computeIfAbsent(device, name -> NEXT_DEVICE_KEY.incrementAndGet());
            upsert.setString(1, String.valueOf(i));
            upsert.setBoolean(2, true);
            upsert.setObject(3, now);
            upsert.setInt(4, deviceKey * 10 + i % 10);
            upsert.setInt(5, deviceKey);
            upsert.setObject(6, OffsetDateTime.ofInstant(T0.plusSeconds(second), ZoneOffset.UTC));
        }
    }
}
