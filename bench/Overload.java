import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many clients posting batches of 1,000 samples as fast as they are answered, each to a device
 * of its own on a keep-alive connection of its own ({@code HttpConnection}), for a while; a client
 * told 429 waits as Retry-After says. All clients start at once: their first POSTs meet a burst
 * (every body is read while places are free, most then refused), so the p99 of the 202s is
 * printed with them and without them. A fresh server is warmed up first by 2 clients posting the
 * same batches for a while (devices {@code warmup-...}, not counted): a server's first batches
 * take seconds while its JIT compiles them, which is not what overload costs. Prints how the POSTs
 * were answered (202, 429, any other status, connection errors and timeouts), the median and
 * p99 of the 202s, the server's peak memory, and whether every accepted sample reads back (the
 * device's series listing counts them) and nothing refused was stored.
 *   Usage: java -cp DIR_WITH_HTTPCONNECTION bench/Overload.java URL TOKEN SERVER_PID LABEL [-Dclients=256]
 *          [-Dseconds=30] [-Dwarmup=20]
 */
public class Overload {

    static final int CLIENTS = Integer.getInteger("clients", 256);
    static final int SECONDS = Integer.getInteger("seconds", 30);
    static final int WARMUP_SECONDS = Integer.getInteger("warmup", 20);
    static final int BATCH = 1_000;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        String token = args[1];
        long pid = Long.parseLong(args[2]);
        String label = args[3];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).executor(Executors.newFixedThreadPool(4)).build();
        LongAdder accepted = new LongAdder();
        LongAdder busy = new LongAdder();
        LongAdder other = new LongAdder();
        LongAdder errors = new LongAdder();
        List<String> examples = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        warmUp(server, token, run);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        List<Future<Client>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String device = "overload-" + run + "-" + c;
            work.add(clients.submit(() -> {
                Long first = null;
                List<Long> later = new ArrayList<>();
                long stored = 0;
                String path = "/apollo/devices/" + device + "/timeseries/samples";
                try (HttpConnection connection = new HttpConnection(server)) {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        byte[] body = body((long) n * BATCH).getBytes(StandardCharsets.UTF_8);
                        long started = System.nanoTime();
                        try {
                            HttpConnection.Response reply = connection.post(path, token, body);
                            if (reply.status() == 202) {
                                long latency = System.nanoTime() - started;
                                if (n == 0) {
                                    first = latency;
                                } else {
                                    later.add(latency);
                                }
                                stored += BATCH;
                                accepted.increment();
                            } else if (reply.status() == 429) {
                                busy.increment();
                                Thread.sleep(1000L * Long.parseLong(reply.headers().getOrDefault("retry-after", "1")));
                            } else {
                                other.increment();
                                remember(examples, reply.status() + " " + reply.body());
                            }
                        } catch (IOException failed) {
                            errors.increment();
                            remember(examples, failed.toString());
                        }
                    }
                }
                return new Client(stored, first, later);
            }));
        }
        List<Long> all = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        long missing = 0;
        long extra = 0;
        List<Client> done = new ArrayList<>();
        try {
            for (Future<Client> client : work) {
                done.add(client.get());
            }
        } finally {
            clients.shutdownNow();
        }
        for (int c = 0; c < CLIENTS; c++) {
            Client client = done.get(c);
            long read = storedSamples(http, server, token, "overload-" + run + "-" + c);
            missing += Math.max(0, client.stored() - read);
            extra += Math.max(0, read - client.stored());
            later.addAll(client.later());
            all.addAll(client.later());
            if (client.first() != null) {
                all.add(client.first());
            }
        }
        System.out.printf("%-28s 202: %6d  429: %6d  other: %4d  errors: %4d  | 202s p50 %7.1f ms  p99 %7.1f ms"
                        + " (%7.1f ms without each client's first request)  | server peak RSS %5d MiB"
                        + " | accepted samples not read back: %d, stored beyond them: %d%n",
                label, accepted.sum(), busy.sum(), other.sum(), errors.sum(), quantile(all, 0.5) / 1e6,
                quantile(all, 0.99) / 1e6, quantile(later, 0.99) / 1e6, peakRssMiB(pid), missing, extra);
        examples.forEach(example -> System.out.println("    e.g. " + example));
        System.exit(0);
    }

    /** 2 clients posting batches for {@code WARMUP_SECONDS}, as fast as they are answered; fails on any other answer than 202. */
    static void warmUp(URI server, String token, String run) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        long deadline = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        List<Future<Integer>> work = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            String path = "/apollo/devices/warmup-" + run + "-" + c + "/timeseries/samples";
            work.add(clients.submit(() -> {
                int n = 0;
                try (HttpConnection connection = new HttpConnection(server)) {
                    for (; System.nanoTime() < deadline; n++) {
                        connection.timedAccepted(path, token, body((long) n * BATCH).getBytes(StandardCharsets.UTF_8));
                    }
                }
                return n;
            }));
        }
        int batches = 0;
        try {
            for (Future<Integer> done : work) {
                batches += done.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("warm-up: %d batches of %d from 2 clients in %d s%n", batches, BATCH, WARMUP_SECONDS);
    }

    /**
     * What one client did: the samples of its 202s, and their latencies in ns: its first POST's
     * (null when that was not a 202) and the later ones'.
     */
    record Client(long stored, Long first, List<Long> later) {
    }

    /** The q-quantile of the latencies in ns (NaN when there are none). */
    static double quantile(List<Long> latencies, double q) {
        if (latencies.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        return sorted.get((int) (sorted.size() * q));
    }

    static void remember(List<String> examples, String example) {
        synchronized (examples) {
            if (examples.size() < 3) {
                examples.add(example.length() > 200 ? example.substring(0, 200) : example);
            }
        }
    }

    static String body(long offset) {
        StringBuilder body = new StringBuilder(BATCH * 110).append('[');
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append("{\"timeseriesId\":\"ts\",\"val\":").append(i % 100).append('.').append(i % 10)
                    .append(",\"timestamp\":\"").append(T0.plusSeconds(offset + i)).append("\",\"metric\":\"Raw\"}");
        }
        return body.append(']').toString();
    }

    /** The samples stored for the device: its one series' count (0 when the device is unknown). */
    static long storedSamples(HttpClient http, URI server, String token, String device) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(server.resolve("/apollo/devices/" + device + "/timeseries"))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + token).build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> reply = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 404) {
                return 0;
            }
            if (reply.statusCode() == 200) {
                Matcher count = COUNT.matcher(reply.body());
                return count.find() ? Long.parseLong(count.group(1)) : 0;
            }
            if (reply.statusCode() != 429 || attempt > 10) {
                throw new IllegalStateException(device + ": " + reply.statusCode() + " " + reply.body());
            }
            Thread.sleep(1000);
        }
    }

    static long peakRssMiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(0) / 1024;
    }
}
