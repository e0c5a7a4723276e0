package io.apollo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The server's {@code /metrics} as series and values, the same on Payara and on WildFly. */
public final class Metrics {

    private static final Pattern SERIES = Pattern.compile("^(\\w+)(?:\\{([^}]*)})? (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private Metrics() {
    }

    /** Each series by its name and its labels but Payara's {@code mp_scope}, in label order: {@code name{a="1",b="2"}}. */
    public static Map<String, Double> read(Api api) {
        Api.Reply reply = api.management("metrics").send();
        assertEquals(200, reply.status());
        return SERIES.matcher(reply.text()).results().collect(Collectors.toMap(
                m -> m.group(1) + labels(m.group(2)), m -> Double.parseDouble(m.group(3)), (first, repeated) -> first));
    }

    /**
     * Reads the metrics until {@code done} holds of them or the deadline has passed (metrics are
     * counted after a response is sent, and gauges follow work in progress).
     *
     * @return the last metrics read
     */
    public static Map<String, Double> await(Api api, Predicate<Map<String, Double>> done, Instant deadline) {
        Map<String, Double> now = read(api);
        while (!done.test(now) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            now = read(api);
        }
        return now;
    }

    private static String labels(String text) {
        if (text == null) {
            return "{}";
        }
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            if (!label.group(1).equals("mp_scope")) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A series key; the labels in alphabetical order, as {@link #read} keeps them. */
    public static String series(String name, String... labels) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            text.append(labels[i]).append("=\"").append(labels[i + 1]).append("\" ");
        }
        return name + labels(text.toString());
    }

    /** How much a series grew between two readings; it must be in the second. */
    public static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(after.containsKey(series), series + " in " + Arrays.toString(after.keySet().stream()
                .filter(key -> key.startsWith("apollo")).toArray()));
        return after.get(series) - before.getOrDefault(series, 0.0);
    }
}
