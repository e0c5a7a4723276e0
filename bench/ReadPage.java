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
 * and the series listing, which read every sample of their range.
 *
 *   java bench/ReadPage.java BASE_URL WRITER_TOKEN READER_TOKEN
 */
public class ReadPage {

    static final int TIMESERIES = 10;
    static final int RUNS = 15;
    static final int WARM_UP_ROUNDS = 3;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
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
     * Aggregates of 1,000 buckets over 1,000,000 samples (of one timeseries: "one"; of the ten of
     * "big") and the series listing of "big", p50 against the goals of docs/performance.md, with
     * the page of 1,000 raw samples of the same device beside them as this run's reference.
     */
    static void readingForPeople(URI base, String writer, String reader) throws Exception {
        storeOne(base, writer);
        String[][] reads = {
                {"raw page of 1,000 (reference)", "one", "samples", "limit=1000"},
                {"avg, 1,000 buckets of PT1S", "one", "samples", "limit=1000&aggregation=avg&interval=PT1S"},
                {"count, 1,000 buckets of PT1S", "one", "samples", "limit=1000&aggregation=count&interval=PT1S"},
                {"last, 1,000 buckets of PT1S", "one", "samples", "limit=1000&aggregation=last&interval=PT1S"},
                {"raw page of 1,000 (reference)", "big", "samples", "limit=1000"},
                {"avg, 100 buckets x 10 series", "big", "samples", "limit=1000&aggregation=avg&interval=PT10S"},
                {"series listing (10 series)", "big", "series", ""},
        };
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (String[] read : reads) {
                median(base, reader, read[1], read[2], read[3]);
            }
        }
        System.out.printf("%n%-32s %-6s %12s %14s%n", "1,000,000 samples of device", "device", "p50 ms",
                "us per sample");
        for (String[] read : reads) {
            double p50 = median(base, reader, read[1], read[2], read[3]);
            boolean whole = !read[0].startsWith("raw");
            System.out.printf("%-32s %-6s %12.1f %14s%n", read[0], read[1], p50,
                    whole ? String.format("%.3f", p50 * 1000 / 1_000_000) : "");
        }
    }

    /** "one": a single timeseries of 1,000,000 samples over 1,000 seconds, one a millisecond. */
    static void storeOne(URI base, String token) throws Exception {
        for (int from = 0; from < 1_000_000; from += 10_000) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < from + 10_000; i++) {
                body.append(i == from ? "" : ",").append("{\"timeseriesId\":\"ts\",\"val\":").append(i % 1000)
                        .append(".5,\"timestamp\":\"").append(T0.plusMillis(i)).append("\",\"metric\":\"Raw\"}");
            }
            send(HttpRequest.newBuilder(samples(base, "one", ""))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())), 202);
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
        return median(base, token, device, "samples", query);
    }

    /**
     * Median latency in ms of a GET of the device's samples or of its series ({@code resource});
     * "paginated" queries are timed on their second page.
     */
    static double median(URI base, String token, String device, String resource, String query) throws Exception {
        List<Long> times = new ArrayList<>();
        URI uri = resource.equals("series") ? base.resolve("/apollo/devices/" + device + "/timeseries")
                : samples(base, device, query);
        for (int run = 0; run < RUNS + 5; run++) {
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
            if (run >= 5) {
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
