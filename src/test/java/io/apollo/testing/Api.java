package io.apollo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

/** The service as a client sees it, over HTTP on the loopback interface. */
public final class Api {

    public static final String SAMPLES_PATH = "apollo/devices/%s/timeseries/samples";
    /** HTTP/1.1, as curl and most device clients speak it; the JDK client would try an h2c upgrade. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final URI management;

    /**
     * Payara reports its first non-loopback address; the server listens on loopback only. The
     * server's own endpoints (health, metrics) are on its root, unless the system property
     * {@code it.managementUrl} names another (WildFly's management interface).
     */
    public Api(URL deployment) {
        this.base = URI.create("http://localhost:" + deployment.getPort() + "/");
        String managementUrl = System.getProperty("it.managementUrl", "");
        this.management = managementUrl.isEmpty() ? base : URI.create(managementUrl);
    }

    /** The server's root, on loopback: {@code http://localhost:<port>/}. */
    public URI base() {
        return base;
    }

    /** A device id no other test uses. */
    public static String newDevice() {
        return "device-" + UUID.randomUUID();
    }

    public Call post(String deviceId) {
        return call("POST", String.format(SAMPLES_PATH, segment(deviceId))).header("Content-Type", "application/json");
    }

    /** A DELETE of the device's samples; {@code query} (the filters) is appended as written. */
    public Call delete(String deviceId, String query) {
        return call("DELETE", String.format(SAMPLES_PATH, segment(deviceId)) + (query.isEmpty() ? "" : "?" + query));
    }

    /** A DELETE of the device itself. */
    public Call deleteDevice(String deviceId) {
        return call("DELETE", "apollo/devices/" + segment(deviceId));
    }

    /** A GET of the device's samples; {@code query} is appended as written (e.g. "limit=5&metric=Raw"). */
    public Call get(String deviceId, String query) {
        return call("GET", String.format(SAMPLES_PATH, segment(deviceId)) + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * A path segment naming {@code text}: every byte of its UTF-8 but RFC 3986's unreserved ones
     * percent-encoded, and the dots of {@code .} and {@code ..} too (as dot segments they would
     * be removed from the path rather than sent).
     */
    public static String segment(String text) {
        if (text.equals(".") || text.equals("..")) {
            return text.replace(".", "%2E");
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    public Call call(String method, String path) {
        return new Call(method, base.resolve(path));
    }

    /** A GET of one of the server's own endpoints: {@code health/ready}, {@code metrics}. */
    public Call management(String path) {
        return new Call("GET", management.resolve(path));
    }

    /** What the database holds for a device: its collection (null when absent) and its samples. */
    public JsonObject stored(String deviceId) {
        Reply reply = call("GET", "apollo/testing/devices/" + segment(deviceId)).send();
        assertEquals(200, reply.status(), reply.text());
        return reply.json();
    }

    /**
     * The device's rows of the minutes table equal its minutes computed from its samples
     * (StoredRows), and it holds the samples it should; returns what is stored.
     */
    public JsonObject assertMinutesExact(String deviceId) {
        JsonObject stored = stored(deviceId);
        assertEquals(stored.getJsonArray("minutesOfSamples"), stored.getJsonArray("minutes"), deviceId);
        return stored;
    }

    public static final class Call {

        private final String method;
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        Call(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        public Call token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        public Call body(String json) {
            this.body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Call gzipped(String json) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(json.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.body = compressed.toByteArray();
            return header("Content-Encoding", "gzip");
        }

        public Call rawBody(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        public Reply send() {
            return sendAsync().join();
        }

        public CompletableFuture<Reply> sendAsync() {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body.length == 0 && !"POST".equals(method)
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Reply::new);
        }
    }

    public static final class Reply {

        private final HttpResponse<String> response;

        Reply(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String text() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(response.body())).readObject();
        }

        /** The status, a JSON envelope whose code matches it, and its message; returns {@code data}. */
        public JsonValue assertEnvelope(int status, String message) {
            assertEquals(status, status(), text());
            assertTrue(header("Content-Type").startsWith("application/json"), header("Content-Type"));
            JsonObject envelope = json();
            assertEquals(Json.createObjectBuilder().add("Message", message).add("Code", String.valueOf(status)).build(),
                    envelope.getJsonObject("status"), text());
            assertEquals(2, envelope.size(), text());
            return envelope.get("data");
        }

        /** An error envelope with empty data and a message that starts as given. */
        public void assertErrorStartingWith(int status, String messageStart) {
            String message = json().getJsonObject("status").getString("Message");
            assertTrue(message.startsWith(messageStart), message);
            assertError(status, message);
        }

        /** An error envelope with empty data. */
        public void assertError(int status, String message) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, assertEnvelope(status, message), text());
        }

        public void assertAccepted() {
            assertEquals(202, status(), text());
            assertEquals("{\"status\":{\"Message\":\"\",\"Code\":\"202\"},\"data\":{}}", text());
        }
    }
}
