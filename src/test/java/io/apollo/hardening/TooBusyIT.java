package io.apollo.hardening;

import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerLog;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Past its places for batches ({@code apollo.ingest.max-in-flight}) or reads
 * ({@code apollo.read.max-in-flight}), the server answers 429 with
 * {@code Retry-After} and stays ready (docs/api.md §10). The places are taken here as requests in
 * flight would take them, by the test deployment's probe (io.apollo.testing.probe.Places).
 */
class TooBusyIT extends ServerTest {

    /** pom.xml sets both limits to 256 for the tests (32 by default), above the bursts of other tests. */
    private static final int PLACES = 256;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: (\\d+)\r\n");
    private static final String TOKEN = TestTokens.groups("apollo_write", "apollo_read").collections("busy").sign();

    private int takeAll(String kind) {
        Api.Reply reply = api.call("POST", "apollo/testing/places/" + kind).send();
        assertEquals(200, reply.status(), reply.text());
        return Integer.parseInt(reply.text());
    }

    @AfterEach
    void giveBack() {
        assertEquals(200, api.call("DELETE", "apollo/testing/places").send().status());
    }

    private String stored(String device) {
        return api.stored(device).getJsonArray("samples").toString();
    }

    private static void assertTooBusy(Api.Reply reply) {
        reply.assertError(429, "Server too busy");
        // A second at first, longer while refusals outnumber the places taken (RetryHintTest).
        int retryAfter = Integer.parseInt(reply.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, reply.header("Retry-After"));
    }

    @Test
    void aBatchPastTheLimitIsRefusedAndNothingOfItStored() {
        String device = Api.newDevice();
        api.post(device).token(TOKEN).body(batch(sample("t", "1", "2020-01-01T00:00:00Z"))).send().assertAccepted();
        String before = stored(device);

        assertEquals(PLACES, takeAll("writes"));
        assertTooBusy(api.post(device).token(TOKEN).body(batch(sample("t", "2", "2020-01-01T00:00:01Z"))).send());
        assertTooBusy(api.post(Api.newDevice()).token(TOKEN).body(batch(sample("t", "3", "2020-01-01T00:00:01Z"))).send());

        assertEquals(before, stored(device));
        assertEquals(1, api.get(device, "").token(TOKEN).send().assertEnvelope(200, "").asJsonArray().size(),
                "reads have places of their own");
        Api.Reply ready = api.management("health/ready").send();
        assertEquals(200, ready.status(), "too busy is not a fault: " + ready.text());
        assertEquals(PLACES, Integer.parseInt(api.call("DELETE", "apollo/testing/places").send().text()));
        api.post(device).token(TOKEN).body(batch(sample("t", "2", "2020-01-01T00:00:01Z"))).send().assertAccepted();
        assertEquals(2, api.stored(device).getJsonArray("samples").size());
    }

    /** Refused at once, before its body: the server does not wait for a body it would not take. */
    @Test
    void aPostWhoseBodyHasNotArrivedIsRefusedWithoutWaitingForIt() throws Exception {
        String device = Api.newDevice();
        takeAll("writes");
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.getOutputStream().write(head(device, 1000));
            socket.setSoTimeout(5_000);
            assertTooBusyAnswer(response(socket.getInputStream()));
        }
        assertTrue(!api.stored(device).getBoolean("exists"));
    }

    /**
     * A batch whose head came while places were free, and whose body arrived after they were all
     * taken, is refused once its body is in, and nothing of it is stored.
     */
    @Test
    void aBatchThatFindsNoPlaceOnceItsBodyIsInIsRefused() throws Exception {
        String device = Api.newDevice();
        ServerLog log = ServerLog.fromNow();
        byte[] body = batch(sample("t", "1", "2020-01-01T00:00:00Z")).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.getOutputStream().write(head(device, body.length));
            socket.getOutputStream().flush();
            // The head is past the early check within milliseconds; the body is awaited for 8 s.
            Thread.sleep(2_000);
            assertEquals(PLACES, takeAll("writes"));
            socket.getOutputStream().write(body);
            socket.setSoTimeout(10_000);
            assertTooBusyAnswer(response(socket.getInputStream()));
        }
        assertTrue(!api.stored(device).getBoolean("exists"));
        String line = device + "/timeseries/samples status=429";
        String written = log.writtenOnce(text -> text.contains(line));
        assertTrue(written.contains(line + " durationMs="), written);
        assertTrue(written.matches("(?s).*" + line + " durationMs=\\d+ samples=1 .*"), "refused after its body was read: " + written);
    }

    /** The token is checked before the places: an expired one gets its 401 even when all are taken. */
    @Test
    void aBadTokenIsStillAnsweredWith401() {
        takeAll("writes");
        api.post(Api.newDevice()).token(TestTokens.groups("apollo_write").collections("busy").expired().sign())
                .body(batch(sample("t", "1", "2020-01-01T00:00:00Z"))).send().assertError(401, "Missing or invalid bearer token");
        assertEquals(429, api.post(Api.newDevice()).body(batch(sample("t", "1", "2020-01-01T00:00:00Z"))).send().status(),
                "no token at all");
    }

    /** The head of a POST of samples announcing a body of {@code length} bytes. */
    private static byte[] head(String device, int length) {
        return ("POST /" + String.format(Api.SAMPLES_PATH, device) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole 429 answer as it came over the connection. */
    private static void assertTooBusyAnswer(String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 429"), answer);
        Matcher retryAfter = Pattern.compile("\r\nretry-after: (\\d+)\r\n").matcher(answer.toLowerCase());
        assertTrue(retryAfter.find(), answer);
        int seconds = Integer.parseInt(retryAfter.group(1));
        assertTrue(seconds >= 1 && seconds <= 60, answer);
        assertTrue(answer.contains("{\"status\":{\"Message\":\"Server too busy\",\"Code\":\"429\"},\"data\":{}}"), answer);
    }

    /** One whole response (sized or chunked); fails with what came of it when the time ran out. */
    private static String response(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                answer.write(b);
                String text = answer.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                Matcher length = CONTENT_LENGTH.matcher(text);
                boolean whole = headEnd >= 0 && (length.find()
                        ? answer.size() == headEnd + 4 + Integer.parseInt(length.group(1))
                        : text.length() > headEnd + 4 && text.endsWith("\r\n0\r\n\r\n"));
                if (whole) {
                    break;
                }
            }
        } catch (SocketTimeoutException late) {
            throw new AssertionError("no whole answer in time: " + answer.toString(StandardCharsets.UTF_8), late);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsPastTheirLimitAreRefusedWhileBatchesAreTaken() {
        String device = Api.newDevice();
        api.post(device).token(TOKEN).body(batch(sample("t", "1", "2020-01-01T00:00:00Z"))).send().assertAccepted();

        assertEquals(PLACES, takeAll("reads"));
        assertTooBusy(api.get(device, "").token(TOKEN).send());
        assertTooBusy(api.get(device, "aggregation=count&interval=PT1M").token(TOKEN).send());
        assertTooBusy(api.call("GET", "apollo/devices/" + device + "/timeseries").token(TOKEN).send());
        api.post(device).token(TOKEN).body(batch(sample("t", "2", "2020-01-01T00:00:01Z"))).send().assertAccepted();

        api.call("DELETE", "apollo/testing/places").send();
        assertEquals(2, api.get(device, "").token(TOKEN).send().assertEnvelope(200, "").asJsonArray().size());
    }
}
