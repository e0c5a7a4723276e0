import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Latency of one GET page of 1,000 samples from a device with 1,000,000 samples ("big": ten
 * timeseries of 100,000) and from one with 10,000 ("small": ten of 1,000), for each kind of
 * query. A page that reads only what it returns costs the same on both: the ratio big/small
 * stays near 1 (compare ratios, not absolute figures: this machine is shared). Then aggregates
 * and series listings over a million samples of one-second data.
 *
 *   java bench/ReadPage.java BASE_URL WRITER_TOKEN READER_TOKEN
 */
public class ReadPage {

    static final int TIMESERIES = 10;
    static final int RUNS = 15;
    static final int WARM_UP_ROUNDS = 3;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    /** The writer's token, for the sample posted before each timed read. */
    static String writer;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        writer = args[1];
        store(base, args[1], "big", 100_000);
        store(base, args[1], "small", 1_000);
        String reader = args[2];
        String[][] queries = {
                {"whole device, oldest first", "limit=1000"},
                {"whole device, newest first", "limit=1000&orderby=timestamp%20desc"},
                {"whole device, from the middle", "limit=1000&startTime=" + T0.plusSeconds(500)},
                {"one timeseries, oldest first", "limit=1000&timeseries_ids=ts-3"},
                {"one timeseries, newest first", "limit=1000&timeseries_ids=ts-3&orderby=timestamp%20desc"},
                {"one timeseries and metric", "limit=1000&timeseries_ids=ts-3&metric=Raw"},
                {"two timeseries", "limit=1000&timeseries_ids=ts-3,ts-4"},
                {"second page by token", "limit=1000&paginated=true"},
        };
        // The server's JIT compiles the read path first: otherwise the first query measured pays for it.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (String[] query : queries) {
                median(base, reader, "big", query[1]);
                median(base, reader, "small", query[1]);
            }
        }
        System.out.printf("%-32s %12s %12s %8s%n", "GET, limit=1000", "big ms", "small ms", "ratio");
        for (String[] query : queries) {
            double big = median(base, reader, "big", query[1]);
            double small = median(base, reader, "small", query[1]);
            System.out.printf("%-32s %12.1f %12.1f %8.2f%n", query[0], big, small, big / small);
        }
        readingForPeople(base, args[1], reader);
    }

    /**
     * Aggregates and series listings over 1,000,000 samples of one-second data: "one" is a single
     * timeseries (11.6 days), "ten" ten timeseries of 100,000 (27.8 hours each). A 1,000-bucket
     * aggregate of PT15M reads the minutes table; the same of PT899S (not whole minutes) reads every
     * sample, as aggregates did before that table: the reference measured in the same run.
     */
    static void readingForPeople(URI base, String writer, String reader) throws Exception {
        storeOneSecondData(base, writer, "one", 1, 1_000_000);
        storeOneSecondData(base, writer, "ten", 10, 100_000);
        String[][] reads = {
                {"raw page of 1,000 samples", "one", "samples", "limit=1000"},
                {"avg PT15M, 1,000 buckets", "one", "samples", "limit=1000&aggregation=avg&interval=PT15M"},
                {"avg PT899S, 1,000 buckets (samples)", "one", "samples", "limit=1000&aggregation=avg&interval=PT899S"},
                {"count PT15M, 1,000 buckets", "one", "samples", "limit=1000&aggregation=count&interval=PT15M"},
                {"last PT15M, 1,000 buckets", "one", "samples", "limit=1000&aggregation=last&interval=PT15M"},
                {"avg PT15M, 100 buckets x 10 series", "ten", "samples", "limit=1000&aggregation=avg&interval=PT15M"},
                {"avg PT899S, 100 x 10 (samples)", "ten", "samples", "limit=1000&aggregation=avg&interval=PT899S"},
                {"series listing", "one", "series", ""},
                {"series listing", "ten", "series", ""},
        };
        // Reading every sample takes seconds: those references are timed 3 times, after one warm-up.
        for (String[] read : reads) {
            median(base, reader, read[1], read[2], read[3], read[0].endsWith("(samples)") ? 1 : RUNS);
        }
        System.out.printf("%n%-38s %-6s %10s%n", "1,000,000 samples of one-second data", "device", "p50 ms");
        for (String[] read : reads) {
            System.out.printf("%-38s %-6s %10.1f%n", read[0], read[1],
                    median(base, reader, read[1], read[2], read[3], read[0].endsWith("(samples)") ? 3 : RUNS));
        }
    }

    /** {@code perTimeseries} samples a second of each of {@code timeseries} timeseries, in batches of 10,000. */
    static void storeOneSecondData(URI base, String token, String device, int timeseries, int perTimeseries)
            throws Exception {
        for (int ts = 0; ts < timeseries; ts++) {
            for (int from = 0; from < perTimeseries; from += 10_000) {
                StringBuilder body = new StringBuilder("[");
                for (int i = from; i < Math.min(perTimeseries, from + 10_000); i++) {
                    body.append(i == from ? "" : ",").append("{\"timeseriesId\":\"ts-").append(ts)
                            .append("\",\"val\":").append(i % 1000).append(".5,\"timestamp\":\"")
                            .append(T0.plusSeconds(i)).append("\",\"metric\":\"Raw\"}");
                }
                send(HttpRequest.newBuilder(samples(base, device, ""))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())), 202);
            }
        }
    }

    static void store(URI base, String token, String device, int perTimeseries) throws Exception {
        for (int ts = 0; ts < TIMESERIES; ts++) {
            for (int from = 0; from < perTimeseries; from += 10_000) {
                StringBuilder body = new StringBuilder("[");
                for (int i = from; i < Math.min(perTimeseries, from + 10_000); i++) {
                    body.append(i == from ? "" : ",").append("{\"timeseriesId\":\"ts-").append(ts)
                            .append("\",\"val\":").append(i).append(",\"timestamp\":\"")
                            .append(T0.plusMillis(i * 1000L * 1000 / perTimeseries)).append("\",\"metric\":\"Raw\"}");
                }
                send(HttpRequest.newBuilder(samples(base, device, ""))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())), 202);
            }
        }
    }

    static double median(URI base, String token, String device, String query) throws Exception {
        return median(base, token, device, "samples", query, RUNS);
    }

    /**
     * Median latency in ms of {@code runs} GETs of the device's samples or of its series
     * ({@code resource}), after up to 5 untimed ones; "paginated" queries are timed on their second page.
     */
    static double median(URI base, String token, String device, String resource, String query, int runs)
            throws Exception {
        List<Long> times = new ArrayList<>();
        URI uri = resource.equals("series") ? base.resolve("/apollo/devices/" + device + "/timeseries")
                : samples(base, device, query);
        int untimed = Math.min(5, runs);
        for (int run = 0; run < runs + untimed; run++) {
            // A write elsewhere before each read, as on a live service: H2 answers a statement it
            // ran before with the same parameters from its last result while no data has changed.
            send(HttpRequest.newBuilder(samples(base, "elsewhere", ""))
                    .header("Authorization", "Bearer " + writer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"timeseriesId\":\"t\",\"val\":" + run
                            + ",\"timestamp\":\"" + T0 + "\",\"metric\":\"Raw\"}]")), 202);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token);
            if (query.contains("paginated=true")) {
                String next = send(HttpRequest.newBuilder(samples(base, device, query))
                        .header("Authorization", "Bearer " + token), 200).headers()
                        .firstValue("ContinuationToken").orElseThrow();
                request.header("ContinuationToken", next);
            }
            long started = System.nanoTime();
            HttpResponse<String> response = send(request, 200);
            long elapsed = System.nanoTime() - started;
            if (run >= untimed) {
                times.add(elapsed);
            }
            if (!response.body().contains("\"timeseriesId\"")) {
                throw new IllegalStateException("empty page for " + device + "?" + query);
            }
        }
        Collections.sort(times);
        return times.get(times.size() / 2) / 1e6;
    }

    static URI samples(URI base, String device, String query) {
        return base.resolve("/apollo/devices/" + device + "/timeseries/samples" + (query.isEmpty() ? "" : "?" + query));
    }

    static HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }
}
