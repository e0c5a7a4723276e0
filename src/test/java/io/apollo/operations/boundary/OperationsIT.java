package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Deployments;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.Samples;
import io.apollo.testing.SharedDatabase;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a server of the test's own: its health while its database goes
 * away and comes back, and its log. The database is an H2 server in this JVM, reached over TCP,
 * so that the test can take it away as a crashed or unreachable database server would be.
 */
class OperationsIT {

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(", Pattern.MULTILINE);

    private static SharedDatabase database;
    private static PayaraProcess server;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "operations-it");
        database = SharedDatabase.h2Server(dataDir);
        Path war = dataDir.resolve("apollo-with-probe.war");
        Deployments.apollo().as(ZipExporter.class).exportTo(war.toFile(), true);
        server = PayaraProcess.start("operations-it-server", dataDir, List.of(), Map.of(), war, database.postBootCommands());
        api = server.api();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        assertHealth("health/ready", 200, "UP");
        assertHealth("health/live", 200, "UP");

        int logged = server.log().length();
        String writer = TestTokens.groups("apollo_write").collections("c").sign();
        String duringOutage = Api.newDevice();
        database.stop();
        try {
            for (int probe = 0; probe < 3; probe++) {
                assertHealth("health/ready", 503, "DOWN");
            }
            assertHealth("health/live", 200, "UP");
            // Requests that need the database: 503 with a hint to retry, not a 500.
            assertDatabaseUnavailable(api.post(duringOutage).token(writer).body(Samples.batchOf(3)).send());
            assertDatabaseUnavailable(api.get(duringOutage, "limit=1").token(writer).send());
        } finally {
            database.start();
        }

        // The pool drops its dead connections and opens new ones: ready again, without a restart.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (api.call("GET", "health/ready").send().status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertHealth("health/ready", 200, "UP");
        String written = server.log().substring(logged);
        assertEquals(1, count(written, "Database unreachable, not ready"), "once per outage, not per probe");
        assertEquals(1, count(written, "Database reachable again: ready"));
        assertEquals(2, count(written, "Database unavailable, status=503 errorId="), written);
        // The service's own line, not a 500's stack trace (the server's pool logs its own failures as it will).
        assertEquals(0, count(written, "Unexpected failure"), written);
        assertFalse(api.stored(duringOutage).getBoolean("exists"));
        String device = Api.newDevice();
        api.post(device).token(TestTokens.groups("apollo_write").collections("c").sign())
                .body(Samples.batchOf(3)).send().assertAccepted();
        assertEquals(3, api.stored(device).getJsonArray("samples").size());
    }

    @Test
    void eachRequestHasOneAccessLineWithItsCorrelationIdAndSampleCount() throws Exception {
        String device = Api.newDevice();
        String token = TestTokens.groups("apollo_write").collections("c").sign();
        String posted = "post-" + UUID.randomUUID();
        api.post(device).token(token).header(CorrelationId.HEADER, posted).body(Samples.batchOf(2)).send().assertAccepted();
        String read = "get-" + UUID.randomUUID();
        assertEquals(200, api.get(device, "limit=1").token(token).header(CorrelationId.HEADER, read).send().status());

        assertEquals(List.of("POST /apollo/devices/" + device + "/timeseries/samples status=202 durationMs=N samples=2"
                + " correlationId=" + posted), accessLines(posted));
        assertEquals(List.of("GET /apollo/devices/" + device + "/timeseries/samples?limit=1 status=200 durationMs=N"
                + " samples=1 correlationId=" + read), accessLines(read));
    }

    @Test
    void clientErrorsLeaveNoStackTrace() throws Exception {
        String device = Api.newDevice();
        int logged = server.log().length();
        String forged = "forged-" + UUID.randomUUID();
        api.post(device).token(TestTokens.groups("apollo_write").collections("c").signedWithAnotherKey().sign())
                .header(CorrelationId.HEADER, forged).body(Samples.batchOf(1)).send().assertError(401, "Missing or invalid bearer token");
        String expired = "expired-" + UUID.randomUUID();
        api.post(device).token(TestTokens.groups("apollo_write").collections("c").expired().sign())
                .header(CorrelationId.HEADER, expired).body(Samples.batchOf(1)).send().assertError(401, "Missing or invalid bearer token");
        String garbage = "garbage-" + UUID.randomUUID();
        api.post(device).token("not.a.jwt").header(CorrelationId.HEADER, garbage).body(Samples.batchOf(1)).send()
                .assertError(401, "Missing or invalid bearer token");
        String malformed = "malformed-" + UUID.randomUUID();
        api.post(device).token(TestTokens.groups("apollo_write").collections("c").sign())
                .header(CorrelationId.HEADER, malformed).body("[{\"timeseriesId\": ").send()
                .assertErrorStartingWith(400, "Body is not valid JSON: ");

        for (String id : List.of(forged, expired, garbage, malformed)) {
            assertEquals(1, accessLines(id).size(), id);
        }
        String written = server.log().substring(logged);
        assertFalse(STACK_FRAME.matcher(written).find(), written);
        assertFalse(written.contains("Exception"), written);
    }

    @Test
    void aConnectionFailureWhileTheDatabaseAnswersIsA500() {
        Api.Reply reply = api.call("GET", "apollo/testing/connection-failure").send();
        assertEquals(500, reply.status(), reply.text());
        assertTrue(reply.json().getJsonObject("status").getString("Message").startsWith("Internal server error"),
                reply.text());
    }

    @Test
    void aConnectionLostIsA503EvenWhileTheDatabaseAnswers() throws Exception {
        String id = "lost-" + UUID.randomUUID();
        int logged = server.log().length();
        Api.Reply reply = api.call("GET", "apollo/testing/connection-lost").header(CorrelationId.HEADER, id).send();
        assertDatabaseUnavailable(reply);
        assertEquals(List.of("GET /apollo/testing/connection-lost status=503 durationMs=N samples=- correlationId="
                + id), accessLines(id));
        String written = server.log().substring(logged);
        assertEquals(1, count(written, "Database unavailable, status=503 errorId="), written);
        assertTrue(written.contains("SQLState 08006: connection to the remote node"), written);
        assertFalse(STACK_FRAME.matcher(written).find(), written);
    }

    @Test
    void aServerErrorIsLoggedOnceWithItsErrorIdAndCorrelationId() throws Exception {
        String id = "failing-" + UUID.randomUUID();
        int logged = server.log().length();
        Api.Reply reply = api.call("GET", "apollo/testing/ejb-failure").header(CorrelationId.HEADER, id).send();
        assertEquals(500, reply.status());
        String errorId = reply.json().getJsonObject("data").getString("errorId");
        assertEquals(List.of("GET /apollo/testing/ejb-failure status=500 durationMs=N samples=- correlationId=" + id),
                accessLines(id));

        String written = server.log().substring(logged);
        assertEquals(1, count(written, errorId), written);
        assertEquals(1, count(written, "errorId=" + errorId + " correlationId=" + id), written);
        assertEquals(1, count(written, "java.lang.IllegalStateException: secret-detail"), written);
    }

    @Test
    void aFailureOutsideJaxRsIsLoggedWithItsErrorIdAndCorrelationId() throws Exception {
        String id = "servlet-" + UUID.randomUUID();
        int logged = server.log().length();
        Api.Reply reply = api.call("GET", "testing/servlet-failure").header(CorrelationId.HEADER, id).send();
        assertEquals(500, reply.status());
        assertEquals(id, reply.header(CorrelationId.HEADER));
        String errorId = reply.json().getJsonObject("data").getString("errorId");
        assertEquals(List.of("GET /testing/servlet-failure status=500 durationMs=N samples=- correlationId=" + id),
                accessLines(id));

        String written = server.log().substring(logged);
        assertEquals(1, count(written, "errorId=" + errorId + " correlationId=" + id), written);
    }

    /** The access lines of a correlation id, with the duration replaced by N; waits until one is written. */
    private static List<String> accessLines(String correlationId) throws IOException, InterruptedException {
        Pattern line = Pattern.compile("^(?:\\w+: )?(\\w+ \\S+ status=\\d+ durationMs=)\\d+( samples=\\S+ correlationId="
                + Pattern.quote(correlationId) + ")$", Pattern.MULTILINE);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            Matcher matcher = line.matcher(server.log());
            List<String> found = matcher.results().map(m -> m.group(1) + "N" + m.group(2)).toList();
            if (!found.isEmpty() || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(100);
        }
    }

    private static void assertDatabaseUnavailable(Api.Reply reply) {
        assertEquals(503, reply.status(), reply.text());
        String message = reply.json().getJsonObject("status").getString("Message");
        String errorId = reply.assertEnvelope(503, message).asJsonObject().getString("errorId");
        assertEquals("Service unavailable: no connection to the database (error id " + errorId + ")", message);
        assertEquals("5", reply.header("Retry-After"));
    }

    private static void assertHealth(String path, int status, String state) {
        Api.Reply reply = api.call("GET", path).send();
        assertEquals(status, reply.status(), reply.text());
        JsonObject health = reply.json();
        assertEquals(state, health.getString("status"), reply.text());
        if (path.endsWith("ready")) {
            JsonObject check = health.getJsonArray("checks").getJsonObject(0);
            assertEquals("database", check.getString("name"));
            assertEquals(state, check.getString("status"));
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
