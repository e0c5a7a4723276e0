import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Posts batches of 10,000 new samples to four devices of ten timeseries each, moving forward in
 * time as devices do, until the samples table holds ROWS rows, and prints the batch latency as
 * the table (and each device's history) grows from nearly empty. Nothing on the request path
 * may grow with the table, so the last slice should take about as long as the first (compare
 * the ratio, not the absolute figures: this machine is shared). The JIT is warmed up first with
 * small batches, which leave the table nearly empty.
 *
 *   java bench/IngestLatency.java BASE_URL TOKEN ROWS
 */
public class IngestLatency {

    static final int BATCH = 10_000;
    static final int WARM_UP_BATCHES = 50;
    static final int WARM_UP_BATCH = 100;
    static final int DEVICES = 4;
    static final int TIMESERIES = 10;
    static final int SLICES = 5;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        long rows = Long.parseLong(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        for (int i = 0; i < WARM_UP_BATCHES; i++) {
            post(http, base, token, "warm-up", "warm-up-" + i, WARM_UP_BATCH);
        }
        int batches = (int) (rows / BATCH);
        int perSlice = Math.max(1, batches / SLICES);
        List<Double> medians = new ArrayList<>();
        List<Long> slice = new ArrayList<>();
        System.out.printf("%12s %14s %14s%n", "table rows", "median ms", "p90 ms");
        for (int b = 0; b < batches; b++) {
            int round = b / DEVICES;
            slice.add(post(http, base, token, "device-" + (b % DEVICES), "ts-" + (round % TIMESERIES), BATCH,
                    (long) (round / TIMESERIES) * BATCH));
            if (slice.size() == perSlice) {
                Collections.sort(slice);
                double median = slice.get(slice.size() / 2) / 1e6;
                medians.add(median);
                System.out.printf("%12d %14.1f %14.1f%n", (long) (b + 1) * BATCH + WARM_UP_BATCHES * WARM_UP_BATCH, median,
                        slice.get((int) (slice.size() * 0.9)) / 1e6);
                slice.clear();
            }
        }
        System.out.printf("batch of %d new samples: last slice / first slice median latency = %.2f%n", BATCH,
                medians.get(medians.size() - 1) / medians.get(0));
        long overwrite = post(http, base, token, "device-0", "ts-0", BATCH);
        System.out.printf("overwriting the first batch at the end: %.1f ms%n", overwrite / 1e6);
    }

    static long post(HttpClient http, URI base, String token, String device, String timeseries, int size)
            throws Exception {
        return post(http, base, token, device, timeseries, size, 0);
    }

    /** One batch of one timeseries, one sample a second from T0 + offset seconds; returns its latency in ns. */
    static long post(HttpClient http, URI base, String token, String device, String timeseries, int size, long offset)
            throws Exception {
        StringBuilder body = new StringBuilder(size * 110).append('[');
        Instant start = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(offset);
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"timeseriesId\":\"").append(timeseries)
                    .append("\",\"val\":").append(i)
                    .append(",\"timestamp\":\"").append(start.plusSeconds(i))
                    .append("\",\"metric\":\"Raw\"}");
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/apollo/devices/" + device + "/timeseries/samples"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString()))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 202) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return elapsed;
    }
}
