package io.apollo.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerLog;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections without finishing their requests do not take the server from
 * the others: a normal request is answered while they hold on, and a stalled upload gets a 408
 * in the envelope, logged as such: on WildFly when its body's time limit is up (8 s in the tests),
 * on Payara when the server's read timeout (10 s) gives up on it.
 */
class ConnectionLimitsIT extends ServerTest {

    /** More than either server's default worker threads (Payara Micro 200, WildFly 32 on 2 cores). */
    private static final int STALLED = 300;
    private static final int IDLE = 1000;
    /** Under the body's time limit and the read timeout: an answer within it was not waiting for stalled clients to be cut. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(20);
    private static final Pattern TIMED_OUT = Pattern.compile("\\{\"status\":\\{\"Message\":\"Request body (not received within 8 seconds"
            + "|stopped arriving before it was complete)\",\"Code\":\"408\"},\"data\":\\{}}");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: (\\d+)\r\n");
    private static final String TOKEN = TestTokens.groups("apollo_write").collections("limits").sign();

    @Test
    void uploadsThatStallDoNotStarveOthersAndGetTheir408() throws Exception {
        ServerLog log = ServerLog.fromNow();
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket socket = connect();
                socket.getOutputStream().write((postHead("stalled-" + i) + "[{\"timeseriesId\"").getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            Instant stalledSince = Instant.now();
            Thread.sleep(500);
            assertServed();
            for (Socket socket : stalled) {
                socket.setSoTimeout(60_000);
                String answer = readAll(socket.getInputStream());
                assertTrue(Duration.between(stalledSince, Instant.now()).compareTo(ANSWERED_WITHIN) < 0,
                        "a stalled upload was answered only after " + Duration.between(stalledSince, Instant.now()));
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(TIMED_OUT.matcher(answer).find(), answer);
            }
            for (int i = 0; i < STALLED; i++) {
                assertTrue(!api.stored("stalled-" + i).getBoolean("exists"));
            }
            String written = log.writtenOnce(text -> text.split(" status=408 ", -1).length > STALLED);
            for (int i = 0; i < STALLED; i++) {
                assertTrue(Pattern.compile("POST /apollo/devices/stalled-" + i + "/timeseries/samples status=408 ")
                        .matcher(written).find(), "stalled-" + i + " in " + written);
            }
        } finally {
            closeAll(stalled);
        }
    }

    /** A body arriving a byte a second is cut at its time limit (8 s in the tests) all the same. */
    @Test
    void aBodyDrippingInIsCutAtItsTimeLimit() throws Exception {
        String device = Api.newDevice();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write((postHead(device) + "[").getBytes(StandardCharsets.UTF_8));
            socket.setSoTimeout(1000);
            InputStream in = socket.getInputStream();
            int first = -1;
            Instant giveUp = Instant.now().plusSeconds(60);
            while (first < 0 && Instant.now().isBefore(giveUp)) {
                out.write(' ');
                out.flush();
                try {
                    first = in.read();
                } catch (SocketTimeoutException nothingYet) {
                    first = -1;
                }
            }
            socket.setSoTimeout(60_000);
            String answer = (char) first + readAll(in);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("{\"status\":{\"Message\":\"Request body not received within 8 seconds\",\"Code\":\"408\"},\"data\":{}}"), answer);
        }
        assertTrue(!api.stored(device).getBoolean("exists"));
    }

    @Test
    void idleConnectionsAndUnfinishedHeadersDoNotStarveOthers() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE; i++) {
                Socket socket = connect();
                if (i % 2 == 0) {
                    socket.getOutputStream().write(("POST /" + String.format(Api.SAMPLES_PATH, "slow") + " HTTP/1.1\r\n"
                            + "Host: loc").getBytes(StandardCharsets.US_ASCII));
                }
                held.add(socket);
            }
            Thread.sleep(500);
            assertServed();
        } finally {
            closeAll(held);
        }
    }

    /** A POST and a GET from a fresh client, each answered within {@link #PATIENCE}. */
    private void assertServed() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String device = Api.newDevice();
        HttpRequest post = HttpRequest.newBuilder(api.base().resolve(String.format(Api.SAMPLES_PATH, device)))
                .timeout(PATIENCE).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Samples.batchOf(2))).build();
        assertEquals(202, client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpRequest get = HttpRequest.newBuilder(api.base().resolve(String.format(Api.SAMPLES_PATH, device)))
                .timeout(PATIENCE).header("Authorization", "Bearer " + TOKEN).GET().build();
        HttpResponse<String> page = client.send(get, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(2, api.stored(device).getJsonArray("samples").size());
    }

    /** The head of a POST announcing a 1,000-byte body. */
    private static String postHead(String device) {
        return "POST /" + String.format(Api.SAMPLES_PATH, device) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    }

    private Socket connect() throws IOException {
        return new Socket(api.base().getHost(), api.base().getPort());
    }

    /** The server's answer on a stalled connection: one whole response (sized or chunked), or what came before it closed. */
    private static String readAll(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                answer.append((char) b);
                int headEnd = answer.indexOf("\r\n\r\n");
                Matcher length = CONTENT_LENGTH.matcher(answer);
                boolean whole = headEnd >= 0 && (length.find()
                        ? answer.length() == headEnd + 4 + Integer.parseInt(length.group(1))
                        : answer.length() > headEnd + 4 && answer.toString().endsWith("\r\n0\r\n\r\n"));
                if (whole) {
                    break;
                }
            }
            return answer.toString();
        } catch (SocketTimeoutException notDropped) {
            throw new AssertionError("a stalled upload was still held after a minute: " + answer, notDropped);
        } catch (IOException reset) {
            return answer.toString();
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
