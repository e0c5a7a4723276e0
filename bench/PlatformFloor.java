import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the platform alone allows the service's ingest, against the database's ceiling, in one run
 * (bench/platform-floor). The server is the floor application (bench/floor): Payara Micro,
 * JAX-RS, MicroProfile JWT, JSON-P and a {@code @Stateless} bean (no transaction), answering 202
 * to the service's POSTs of samples without validating or storing them. First a POST with a
 * token without the write scope must get 403 (the floor checks roles as the service does); then
 * each round, with {@link IngestThroughput}'s loads and ceiling:
 * <ol>
 *   <li>batches of 1,000 from CLIENTS connections to the floor, then the database's ceiling for
 *       the first CEILING_BATCHES a connection of those rows (the better of its two ways);</li>
 *   <li>single-sample POSTs from SINGLE_CLIENTS connections to the floor, then the ceiling's
 *       one-transaction singles;</li>
 * </ol>
 * with the CPU the floor server used meanwhile (cores, from /proc). The service does all the
 * floor does and writes the samples besides, on the same cores, so it cannot post singles faster
 * than the floor does. For batches it prints F / (F + C) (F the floor's samples/s, C the
 * ceiling's rows/s): an estimate of the most a server doing both on these cores reaches, which
 * takes their times a sample as adding up.
 *
 *   java -cp DIR:JDBC_DRIVERS PlatformFloor BASE_URL TOKEN READ_ONLY_TOKEN SERVER_PID CLOCK_TICKS CEILING_JDBC_URL
 *       USER PASSWORD
 */
public class PlatformFloor {

    static final int CEILING_BATCHES = Integer.getInteger("ceilingBatches", 300);

    public static void main(String[] args) throws Exception {
        URI floor = URI.create(args[0]);
        IngestThroughput.token = args[1];
        IngestThroughput.serverPid = Long.parseLong(args[3]);
        double ticks = Double.parseDouble(args[4]);
        String jdbc = args[5];
        String user = args[6];
        String password = args[7];
        boolean postgresql = jdbc.startsWith("jdbc:postgresql:");
        try (HttpConnection http = new HttpConnection(floor)) {
            HttpConnection.Response refused = http.post("/apollo/devices/floor/timeseries/samples", args[2],
                    IngestThroughput.body("s", 1, 0).getBytes(StandardCharsets.UTF_8));
            if (refused.status() != 403) {
                throw new IllegalStateException("The floor answered a token without the write scope with "
                        + refused.status() + ", not 403");
            }
        }
        try (Connection setUp = DriverManager.getConnection(jdbc, user, password)) {
            IngestThroughput.createCeilingTable(setUp, postgresql);
        }
        IngestThroughput.Ceiling ceiling = new IngestThroughput.Ceiling(jdbc, user, password, postgresql);
        for (int round = 0; round < IngestThroughput.WARM_UP_ROUNDS; round++) {
            measure(floor, ceiling, "warm-up-" + round, 5, ticks);
        }

        int seconds = IngestThroughput.SECONDS;
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < IngestThroughput.ROUNDS; round++) {
            double[] figures = measure(floor, ceiling, "r" + round, seconds, ticks);
            rounds.add(figures);
            System.out.printf("round %d: floor batches %.0f samples/s (%.2f cores), ceiling %.0f rows/s,"
                    + " F / (F + C) %.2f; floor singles %.0f req/s (%.2f cores, p99 %.1f ms), ceiling %.0f/s,"
                    + " ratio %.2f%n", round + 1, figures[0], figures[4], figures[1], bound(figures), figures[2],
                    figures[5], figures[6], figures[3], figures[2] / figures[3]);
        }
        System.out.printf("%nmedians of %d rounds of %d s (%s), the floor application on Payara Micro:%n",
                rounds.size(), seconds, postgresql ? "PostgreSQL" : "H2");
        System.out.printf("  batches of %d, %d connections: floor F %.0f samples/s using %.2f cores, ceiling C %.0f"
                + " rows/s, F / (F + C) %.2f%n", IngestThroughput.BATCH, IngestThroughput.CLIENTS,
                median(rounds, r -> r[0]), median(rounds, r -> r[4]), median(rounds, r -> r[1]),
                median(rounds, PlatformFloor::bound));
        System.out.printf("  single-sample POSTs, %d connections: floor %.0f requests/s using %.2f cores (p99 %.1f ms),"
                + " ceiling (lock, upsert, commit) %.0f transactions/s, ratio %.2f (the median of the rounds'"
                + " ratios)%n", IngestThroughput.SINGLE_CLIENTS, median(rounds, r -> r[2]), median(rounds, r -> r[5]),
                median(rounds, r -> r[6]), median(rounds, r -> r[3]), IngestThroughput.ratio(rounds, 2, 3));
        try (Connection setUp = DriverManager.getConnection(jdbc, user, password)) {
            IngestThroughput.dropCeilingTable(setUp);
        }
    }

    /**
     * One round: the floor's batches and the ceiling's (at most CEILING_BATCHES a connection of
     * them: the floor takes batches far faster than the database), then the floor's singles and
     * the ceiling's. Samples/s of batches, the ceiling's rows/s, singles/s, the ceiling's
     * transactions/s, the floor's cores during batches and during singles, the singles' p99 (ms).
     */
    static double[] measure(URI floor, IngestThroughput.Ceiling ceiling, String prefix, int seconds, double ticks)
            throws Exception {
        double cpu = cpuSeconds(ticks);
        IngestThroughput.Result batches = IngestThroughput.load(floor, IngestThroughput.CLIENTS,
                IngestThroughput.BATCH, prefix + "-batch", seconds, null);
        double batchCores = (cpuSeconds(ticks) - cpu) / seconds;
        int[] ceilingBatches = Arrays.stream(batches.batchesPerClient()).map(n -> Math.min(n, CEILING_BATCHES))
                .toArray();
        double ceilingRows = Math.max(ceiling.upsert(prefix + "-batch", ceilingBatches, IngestThroughput.Way.ROWS),
                ceiling.upsert(prefix + "-batch-set", ceilingBatches, IngestThroughput.Way.ARRAYS));
        cpu = cpuSeconds(ticks);
        IngestThroughput.Result singles = IngestThroughput.load(floor, IngestThroughput.SINGLE_CLIENTS, 1,
                prefix + "-single", seconds, null);
        double singleCores = (cpuSeconds(ticks) - cpu) / seconds;
        double ceilingSingles = ceiling.singles(prefix + "-single", seconds);
        return new double[] {batches.samplesPerSecond(), ceilingRows, singles.requestsPerSecond(), ceilingSingles,
                batchCores, singleCores, singles.p99()};
    }

    /** F / (F + C): the share of the ceiling estimated to be left to a server that also does the floor's work. */
    static double bound(double[] figures) {
        return figures[0] / (figures[0] + figures[1]);
    }

    static double median(List<double[]> rounds, ToDoubleFunction<double[]> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /** CPU seconds the server has used so far, user and system (fields 14 and 15 of /proc/PID/stat). */
    static double cpuSeconds(double ticks) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(IngestThroughput.serverPid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticks;
    }
}
