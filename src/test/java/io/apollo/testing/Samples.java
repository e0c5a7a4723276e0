package io.apollo.testing;

import java.time.Instant;

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
}
