package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: the application's counters and timers move with the requests served. */
class MetricsIT extends ServerTest {

    private static final Pattern SERIES = Pattern.compile("^(\\w+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final String WRITER = TestTokens.groups("apollo_write").collections("metrics").sign();

    @Test
    void prometheusTextWithTheApplicationMetricsDocumented() {
        Api.Reply reply = api.call("GET", "metrics").send();
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("text/plain"), reply.header("Content-Type"));
        for (String family : new String[] {"apollo_samples_accepted_total counter", "apollo_samples_rejected_total counter",
                "apollo_batches_total counter", "apollo_requests_seconds histogram"}) {
            assertTrue(reply.text().contains("# TYPE " + family + "\n"), family);
        }
    }

    @Test
    void acceptedSamplesAndBatchesAreCounted() {
        Map<String, Double> before = metrics();
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(Samples.batchOf(3)).send().assertAccepted();
        api.post(device).token(WRITER).body(Samples.batchOf(2)).send().assertAccepted();
        assertEquals(200, api.get(device, "").token(WRITER).send().status());

        Map<String, Double> after = metrics();
        assertEquals(5, increase(before, after, "apollo_samples_accepted_total{mp_scope=\"application\"}"));
        assertEquals(2, increase(before, after, batches("accepted")));
        assertEquals(2, increase(before, after, requests("post_samples")));
        assertEquals(1, increase(before, after, requests("get_samples")));
        assertTrue(after.get(requestsUnder("post_samples", "+Inf")) >= 2);
    }

    @Test
    void rejectedBatchesAreCountedByReasonWithTheirSamplesWhenRead() {
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(Samples.batchOf(1)).send().assertAccepted();
        Map<String, Double> before = metrics();

        String invalid = Samples.batch(Samples.sample("ts", "1", "2018-01-27T00:00:00Z"),
                Samples.sample("ts", "2", "yesterday"), Samples.sample("ts", "3", "2018-01-27T00:00:02Z"));
        assertEquals(400, api.post(device).token(WRITER).body(invalid).send().status());
        assertEquals(403, api.post(device).token(TestTokens.groups("apollo_write").collections("other").sign())
                .body(Samples.batchOf(4)).send().status());
        assertEquals(403, api.post(device).token(TestTokens.groups("apollo_read").collections("metrics").sign())
                .body(Samples.batchOf(4)).send().status());
        assertEquals(401, api.post(device).body(Samples.batchOf(5)).send().status());
        assertEquals(401, api.post(device).token(TestTokens.groups("apollo_write").collections("metrics").expired().sign())
                .body(Samples.batchOf(5)).send().status());
        assertEquals(413, api.post(device).token(WRITER).body(Samples.batchOf(10_001)).send().status());
        assertEquals(415, api.post(device).token(WRITER).header("Content-Type", "text/plain").body("[]").send().status());

        Map<String, Double> after = metrics();
        assertEquals(1, increase(before, after, batches("validation")));
        assertEquals(3, increase(before, after, rejected("validation")));
        assertEquals(2, increase(before, after, batches("forbidden")));
        assertEquals(4, increase(before, after, rejected("forbidden")), "only the batch whose body was read");
        assertEquals(2, increase(before, after, batches("unauthenticated")));
        assertEquals(0, increase(before, after, rejected("unauthenticated")));
        assertEquals(1, increase(before, after, batches("too_large")));
        assertEquals(1, increase(before, after, batches("unsupported_media_type")));
        assertEquals(0, increase(before, after, batches("accepted")));
        assertEquals(0, increase(before, after, "apollo_samples_accepted_total{mp_scope=\"application\"}"));
        assertEquals(7, increase(before, after, requests("post_samples")));
    }

    private Map<String, Double> metrics() {
        Api.Reply reply = api.call("GET", "metrics").send();
        assertEquals(200, reply.status());
        return SERIES.matcher(reply.text()).results()
                .collect(Collectors.toMap(m -> m.group(1) + "{" + m.group(2) + "}", m -> Double.parseDouble(m.group(3)),
                        (first, repeated) -> first));
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(after.containsKey(series), series + " in " + after.keySet());
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private static String batches(String outcome) {
        return "apollo_batches_total{mp_scope=\"application\",outcome=\"" + outcome + "\"}";
    }

    private static String rejected(String reason) {
        return "apollo_samples_rejected_total{mp_scope=\"application\",reason=\"" + reason + "\"}";
    }

    private static String requests(String operation) {
        return "apollo_requests_seconds_count{mp_scope=\"application\",operation=\"" + operation + "\"}";
    }

    private static String requestsUnder(String operation, String bound) {
        return "apollo_requests_seconds_bucket{mp_scope=\"application\",operation=\"" + operation + "\",le=\"" + bound + "\"}";
    }
}
