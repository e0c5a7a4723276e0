package io.apollo.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies and headers written to hurt: each gets a 4xx in the envelope, nothing of it is stored,
 * and the server goes on serving (checked after every test).
 */
class HostileInputIT extends ServerTest {

    private static final String TOKEN = TestTokens.groups("apollo_write").collections("hostile").sign();
    private static final String SAMPLE = Samples.sample("ts", "1", "2018-01-27T00:00:00Z");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String device = Api.newDevice();

    @AfterEach
    void serverStillServes() {
        String other = Api.newDevice();
        api.post(other).token(TOKEN).body(Samples.batch(SAMPLE)).send().assertAccepted();
        assertEquals(1, api.stored(other).getJsonArray("samples").size());
    }

    @Test
    void malformedJson() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("[{\"timeseriesId\": }]", "Body is not valid JSON: ");
        bodies.put("[{,}]", "Body is not valid JSON: ");
        bodies.put("[{\"a\":1}}", "Body is not valid JSON: ");
        bodies.put("[\"unterminated", "Body is not valid JSON: ");
        bodies.put("[{\"val\": 01}]", "Body is not valid JSON: ");
        bodies.put("[{\"val\": NaN}]", "Body is not valid JSON: ");
        bodies.put("[{\"val\": Infinity}]", "Body is not valid JSON: ");
        bodies.put("[{'val': 1}]", "Body is not valid JSON: ");
        bodies.put("[{\"val\": 1} {\"val\": 2}]", "Body is not valid JSON: ");
        bodies.put("[1 2]", "Sample 0 is not a JSON object");
        bodies.put("{\"timeseriesId\"", "Body must be a JSON array of samples");
        bodies.put("[" + SAMPLE + "] []", "Body is not valid JSON: ");
        bodies.forEach((body, message) -> {
            post(body).assertErrorStartingWith(400, message);
            assertNothingStored();
        });
    }

    @Test
    void truncatedJson() {
        String batch = Samples.batchOf(50);
        for (int cut : new int[] {1, 2, batch.length() / 3, batch.length() / 2, batch.length() - 1}) {
            post(batch.substring(0, cut)).assertErrorStartingWith(400, "Body is not valid JSON: ");
            assertNothingStored();
        }
    }

    /** Inside a field the service ignores, too: such a body once kept a server thread spinning for ever. */
    @Test
    void truncatedOrMalformedJsonInsideAnIgnoredField() {
        for (String body : List.of("[{\"x\":[", "[{\"x\":{\"a\":", "[{\"x\":[[[[1,", "[{\"x\":[1 2 :]}]",
                "[{\"x\":{\"a\" 1}}]", "[{\"x\":[}]}]")) {
            post(body).assertErrorStartingWith(400, "Body is not valid JSON");
            assertNothingStored();
        }
    }

    /**
     * An invalid percent-escape in the path: Payara Micro 6 answers it below the application
     * with an empty 200 (payara/Payara#8000, docs/reliability.md), WildFly with a 400. Never a 202,
     * and nothing stored.
     */
    @Test
    void invalidPercentEscapeInThePath() throws IOException {
        String body = Samples.batch(SAMPLE);
        for (String device : List.of("a%ZZ", "a%%3", "a%")) {
            String response = exchange("POST /apollo/devices/" + device + "/timeseries/samples HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            String status = response.substring(9, 12);
            String answer = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertTrue(status.equals("400") || status.equals("200") && answer.isEmpty(), response);
        }
        for (String decoded : List.of("aZZ", "a", "a%ZZ", "a%%3", "a%")) {
            assertFalse(api.stored(decoded).getBoolean("exists"), decoded);
        }
    }

    @Test
    void tenThousandNestedArraysAsTheBody() {
        post("[".repeat(10_000) + "]".repeat(10_000)).assertError(400, "Sample 0 is not a JSON object");
        assertNothingStored();
    }

    @Test
    void tenThousandNestedArraysOrObjectsInAField() {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        for (String nested : List.of(arrays, objects)) {
            post("[{\"timeseriesId\":\"ts\",\"val\":" + nested + ",\"timestamp\":\"2018-01-27T00:00:00Z\","
                    + "\"metric\":\"Raw\"}]").assertError(400, "Sample fields nest arrays or objects deeper than 100 levels");
            post("[{\"ignored\":" + nested + ",\"timeseriesId\":\"ts\",\"val\":1,\"timestamp\":\"2018-01-27T00:00:00Z\","
                    + "\"metric\":\"Raw\"}]").assertError(400, "Sample fields nest arrays or objects deeper than 100 levels");
            assertNothingStored();
        }
    }

    @Test
    void fiveMegabyteStringsInFields() {
        String huge = "x".repeat(5 * 1024 * 1024);
        String timestamp = "\"timestamp\":\"2018-01-27T00:00:00Z\"";
        Map<String, String> samples = Map.of(
                "timeseriesId", "{\"timeseriesId\":\"" + huge + "\",\"val\":1," + timestamp + ",\"metric\":\"Raw\"}",
                "val", "{\"timeseriesId\":\"ts\",\"val\":\"" + huge + "\"," + timestamp + ",\"metric\":\"Raw\"}",
                "metric", "{\"timeseriesId\":\"ts\",\"val\":1," + timestamp + ",\"metric\":\"" + huge + "\"}");
        samples.forEach((field, sample) -> {
            JsonObject data = post("[" + sample + "]").assertEnvelope(400, "Invalid samples: 1 problem").asJsonObject();
            assertEquals(field, data.getJsonArray("errors").getJsonObject(0).getString("field"), field);
            assertNothingStored();
        });
    }

    @Test
    void invalidUtf8() {
        byte[][] invalid = {
            {(byte) 0xC3, (byte) 0x28}, // a lead byte without its continuation
            {(byte) 0xC0, (byte) 0xAF}, // an overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate encoded as UTF-8
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xFF}};
        for (byte[] bytes : invalid) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("[{\"timeseriesId\":\"ts".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\",\"val\":1,\"timestamp\":\"2018-01-27T00:00:00Z\",\"metric\":\"Raw\"}]"
                    .getBytes(StandardCharsets.UTF_8));
            api.post(device).token(TOKEN).rawBody(body.toByteArray()).send().assertError(400, "Body is not valid UTF-8");
            assertNothingStored();
        }
    }

    /** 512 MiB of whitespace in half a megabyte: refused once the limit is read, not after inflating it all. */
    @Test
    void gzipBomb() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(("[" + SAMPLE + ",").getBytes(StandardCharsets.UTF_8));
            byte[] spaces = " ".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 512; i++) {
                gzip.write(spaces);
            }
            gzip.write((SAMPLE + "]").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(compressed.size() < 1024 * 1024, "compressed to " + compressed.size());
        api.post(device).token(TOKEN).header("Content-Encoding", "gzip").rawBody(compressed.toByteArray()).send()
                .assertError(413, "Request body larger than 10485760 bytes");
        assertNothingStored();
    }

    /**
     * Line breaks and control characters in the header never come back. What reaches the
     * service has no line break: Payara unfolds a folded line (the id, now unsafe, is replaced)
     * and answers anything else itself with an empty 400, before the application; WildFly passes
     * on what precedes the break ("abc", a safe id, echoed). Nothing else of the header is kept.
     */
    @Test
    void correlationIdWithLineBreaksIsReplacedNotEchoed() throws IOException {
        for (String value : List.of("abc\r\n Set-Cookie: evil=1", "abc\rSet-Cookie: evil=1", "abc\nSet-Cookie: evil=1",
                "abc\u0000evil", "abc\u007fevil")) {
            String id = Api.newDevice();
            String body = Samples.batch(SAMPLE);
            String request = "POST /" + String.format(Api.SAMPLES_PATH, id) + " HTTP/1.1\r\n"
                    + "Host: localhost\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "x-correlation-id: " + value + "\r\n"
                    + "Content-Length: " + body.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + body;
            String response = exchange(request);
            String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
            assertFalse(head.contains("evil"), head);
            int status = Integer.parseInt(head.substring(9, 12));
            if (status == 202) {
                // Payara unfolds a folded line (an unsafe id, replaced); WildFly keeps what precedes a break ("abc", safe).
                String echoed = head.lines().filter(line -> line.startsWith("x-correlation-id:")).findFirst().orElseThrow();
                String given = echoed.substring("x-correlation-id:".length()).strip();
                assertTrue(UUID.matcher(given).matches() || given.equals("abc"), echoed);
                assertEquals(1, api.stored(id).getJsonArray("samples").size());
            } else {
                assertEquals(400, status, response);
                String answer = response.substring(response.indexOf("\r\n\r\n") + 4);
                assertTrue(answer.isEmpty() || answer.startsWith("{\"status\":{\"Message\":"), response);
                assertFalse(api.stored(id).getBoolean("exists"));
            }
        }
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Api.Reply post(String body) {
        return api.post(device).token(TOKEN).body(body).send();
    }

    private void assertNothingStored() {
        JsonObject stored = api.stored(device);
        assertFalse(stored.getBoolean("exists"), stored.toString());
        assertEquals(0, stored.getJsonArray("samples").size());
    }
}
