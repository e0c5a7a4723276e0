package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Metrics;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: the application's counters and timers move with the requests served. */
class MetricsIT extends ServerTest {

    private static final String WRITER = TestTokens.groups("apollo_write").collections("metrics").sign();
    private static final List<String> BOUNDS = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
            "2.5", "5.0", "10.0", "+Inf");

    @Test
    void prometheusTextWithTheApplicationMetricsDocumented() {
        Api.Reply reply = api.management("metrics").send();
        assertEquals(200, reply.status());
        // WildFly 38's Micrometer endpoint sends no Content-Type (docs/wildfly.md: Prometheus 3 needs a fallback).
        String type = reply.header("Content-Type");
        assertTrue(type == null ? System.getProperty("it.managementUrl") != null : type.startsWith("text/plain"), type);
        for (String family : new String[] {"apollo_samples_accepted_total counter", "apollo_samples_rejected_total counter",
                "apollo_batches_total counter", "apollo_requests_seconds summary", "apollo_requests_within_total counter",
                "apollo_shared_commits_total counter", "apollo_shared_commit_batches_total counter",
                "apollo_ingest_queued gauge", "apollo_ingest_writing gauge", "apollo_ingest_large_queued gauge"}) {
            assertTrue(reply.text().contains("# TYPE " + family + "\n"), family);
        }
        assertTrue(!reply.text().contains("quantile="), "no quantiles: Payara exports them in nanoseconds");
    }

    @Test
    void acceptedSamplesAndBatchesAreCounted() {
        Map<String, Double> before = Metrics.read(api);
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(Samples.batchOf(3)).send().assertAccepted();
        api.post(device).token(WRITER).body(Samples.batchOf(2)).send().assertAccepted();
        assertEquals(200, api.get(device, "").token(WRITER).send().status());

        Map<String, Double> after = metricsAfter(before, 2, 1);
        assertEquals(5, Metrics.increase(before, after, Metrics.series("apollo_samples_accepted_total")));
        assertEquals(2, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "accepted")));
        assertEquals(2, Metrics.increase(before, after, Metrics.series("apollo_requests_seconds_count", "operation", "post_samples")));
        assertEquals(1, Metrics.increase(before, after, Metrics.series("apollo_requests_seconds_count", "operation", "get_samples")));
    }

    @Test
    void latencyBucketsAreCumulativeAndCountEveryRequest() {
        Map<String, Double> before = Metrics.read(api);
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(Samples.batchOf(1)).send().assertAccepted();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.get(device, "").token(WRITER).send().status());
        }

        Map<String, Double> after = metricsAfter(before, 1, 5);
        for (String operation : List.of("post_samples", "get_samples")) {
            double previous = 0;
            for (String bound : BOUNDS) {
                double count = after.get(Metrics.series("apollo_requests_within_total", "le", bound, "operation", operation));
                assertTrue(count >= previous, operation + " le=" + bound);
                previous = count;
            }
            assertEquals(after.get(Metrics.series("apollo_requests_seconds_count", "operation", operation)), previous, operation);
        }
        assertEquals(5, Metrics.increase(before, after, Metrics.series("apollo_requests_within_total", "le", "+Inf", "operation", "get_samples")));
    }

    @Test
    void rejectedBatchesAreCountedByReasonWithTheirSamplesWhenRead() {
        String device = Api.newDevice();
        Map<String, Double> start = Metrics.read(api);
        api.post(device).token(WRITER).body(Samples.batchOf(1)).send().assertAccepted();
        Map<String, Double> before = metricsAfter(start, 1, 0);

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

        Map<String, Double> after = metricsAfter(before, 7, 0);
        assertEquals(1, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "validation")));
        assertEquals(3, Metrics.increase(before, after, Metrics.series("apollo_samples_rejected_total", "reason", "validation")));
        assertEquals(2, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "forbidden")));
        assertEquals(4, Metrics.increase(before, after, Metrics.series("apollo_samples_rejected_total", "reason", "forbidden")),
                "only the batch whose body was read");
        assertEquals(2, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "unauthenticated")));
        assertEquals(1, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "too_large")));
        assertEquals(1, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "unsupported_media_type")));
        assertEquals(0, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "accepted")));
        assertEquals(0, Metrics.increase(before, after, Metrics.series("apollo_samples_accepted_total")));
    }

    /**
     * A body that stops arriving gets its 408 (WildFly: at its time limit, 8 s in the tests;
     * Payara: at the server's read timeout, 10 s), counted as a timeout.
     */
    @Test
    void aStalledUploadIsCountedAsATimeout() throws Exception {
        Map<String, Double> before = Metrics.read(api);
        String head = "POST /" + String.format(Api.SAMPLES_PATH, Api.newDevice()) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + WRITER + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[{";
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.setSoTimeout(60_000);
            byte[] status = socket.getInputStream().readNBytes("HTTP/1.1 408".length());
            assertEquals("HTTP/1.1 408", new String(status, StandardCharsets.US_ASCII));
        }
        Map<String, Double> after = metricsAfter(before, 1, 0);
        assertEquals(1, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "timeout")));
        assertEquals(0, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "accepted")));
    }

    /**
     * A batch refused because the server has no place for it is counted as too busy; its samples
     * too when it was refused once its body was in (its head came while places were free).
     */
    @Test
    void aBatchRefusedAsTooBusyIsCountedSo() throws Exception {
        Map<String, Double> before = Metrics.read(api);
        byte[] body = Samples.batchOf(4).getBytes(StandardCharsets.UTF_8);
        String head = "POST /" + String.format(Api.SAMPLES_PATH, Api.newDevice()) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + WRITER + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        try (Socket late = new Socket(api.base().getHost(), api.base().getPort())) {
            late.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            late.getOutputStream().flush();
            // Past the early check within milliseconds; its body is awaited for 8 s.
            Thread.sleep(2_000);
            assertEquals(200, api.call("POST", "apollo/testing/places/writes").send().status());
            try {
                assertEquals(429, api.post(Api.newDevice()).token(WRITER).body(Samples.batchOf(3)).send().status());
                late.getOutputStream().write(body);
                late.setSoTimeout(10_000);
                byte[] status = late.getInputStream().readNBytes("HTTP/1.1 429".length());
                assertEquals("HTTP/1.1 429", new String(status, StandardCharsets.US_ASCII));
            } finally {
                assertEquals(200, api.call("DELETE", "apollo/testing/places").send().status());
            }
        }
        Map<String, Double> after = metricsAfter(before, 2, 0);
        assertEquals(2, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "too_busy")));
        assertEquals(4, Metrics.increase(before, after, Metrics.series("apollo_samples_rejected_total", "reason", "too_busy")),
                "only the batch whose body was read");
        assertEquals(0, Metrics.increase(before, after, Metrics.series("apollo_batches_total", "outcome", "accepted")));
    }

    /**
     * The metrics once the server has counted the requests a test made: the access filter counts a
     * request after its response, which may already have reached the client.
     */
    private Map<String, Double> metricsAfter(Map<String, Double> before, int posts, int gets) {
        String postCount = Metrics.series("apollo_requests_seconds_count", "operation", "post_samples");
        String getCount = Metrics.series("apollo_requests_seconds_count", "operation", "get_samples");
        return Metrics.await(api, now -> Metrics.increase(before, now, postCount) >= posts
                && Metrics.increase(before, now, getCount) >= gets, Instant.now().plus(Duration.ofSeconds(10)));
    }
}
