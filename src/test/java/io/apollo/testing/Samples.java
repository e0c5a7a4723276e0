package io.apollo.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Request bodies for the tests. */
public final class Samples {

    private Samples() {
    }

    /** One valid sample as JSON; {@code val} is inserted as written (quote it for a string). */
    public static String sample(String timeseriesId, String val, String timestamp) {
        return "{\"timeseriesId\":\"" + timeseriesId + "\",\"val\":" + val + ",\"timestamp\":\"" + timestamp
                + "\",\"metric\":\"Raw\"}";
    }

    public static String batch(String... samples) {
        return "[" + String.join(",", samples) + "]";
    }

    /** A valid batch of n samples of one timeseries, one second apart. */
    public static String batchOf(int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append(sample("ts", String.valueOf(i),
                    Instant.ofEpochSecond(1_500_000_000L + i).toString()));
        }
        return json.append(']').toString();
    }

    /**
     * One timeseries' samples as POST bodies of at most 10,000 samples each: sample i has the
     * value i and the timestamp {@code start} plus i seconds, for i from 0 to n-1.
     */
    public static List<String> seriesBatches(String timeseriesId, String metric, Instant start, int n) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < n; from += 10_000) {
            StringJoiner samples = new StringJoiner(",", "[", "]");
            for (int i = from; i < Math.min(n, from + 10_000); i++) {
                samples.add("{\"timeseriesId\":\"" + timeseriesId + "\",\"metric\":\"" + metric + "\",\"val\":" + i
                        + ",\"timestamp\":\"" + start.plusSeconds(i) + "\"}");
            }
            bodies.add(samples.toString());
        }
        return bodies;
    }
}
