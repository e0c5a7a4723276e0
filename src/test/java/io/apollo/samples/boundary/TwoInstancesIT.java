package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.Samples;
import io.apollo.testing.SharedDatabase;
import io.apollo.testing.TestDatabase;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database, as behind a load balancer, then written and read through either.
 * On PostgreSQL both start at once on a fresh database, and their migrations take turns (Flyway's
 * advisory lock). When the suite runs on H2 files, the database is an H2 server, and the second
 * instance starts after the first: Flyway cannot lock an empty history table on H2.
 */
class TwoInstancesIT {

    private static final String WRITER = TestTokens.groups("apollo_write", "apollo_read").collections("c1").sign();
    private static final String FRESH = "apollo_two_" + System.nanoTime();
    private static final Pattern APPLIED = Pattern.compile("Database schema at version \\S+, \\d+ migration\\(s\\) applied");

    private static SharedDatabase database;
    private static PayaraProcess first;
    private static PayaraProcess second;

    @BeforeAll
    static void startBothAtOnce() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "two-instances");
        database = SharedDatabase.forSuite(dataDir);
        Map<String, String> environment = Map.of();
        if (TestDatabase.postgresql()) {
            postgresql("CREATE DATABASE " + FRESH);
            environment = Map.of("APOLLO_DB_URL", TestDatabase.postgresqlDatabase(FRESH));
        }
        Map<String, String> env = environment;
        Path war = Path.of(System.getProperty("apollo.war"));
        CompletableFuture<PayaraProcess> one = CompletableFuture.supplyAsync(() -> start("two-instances-1-server", dataDir, env, war));
        if (!TestDatabase.postgresql()) {
            one.join();
        }
        CompletableFuture<PayaraProcess> two = CompletableFuture.supplyAsync(() -> start("two-instances-2-server", dataDir, env, war));
        first = one.join();
        second = two.join();
    }

    @Test
    void oneInstanceMigratedTheFreshDatabaseAndTheOtherFoundNothingToDo() throws Exception {
        List<String> logs = List.of(first.log(), second.log());
        assertEquals(1, logs.stream().filter(log -> APPLIED.matcher(log).find()).count(), "one applied the migrations");
        assertEquals(1, logs.stream().filter(log -> log.contains("(no migration to apply)")).count(), "one found it done");
    }

    @AfterAll
    static void stop() throws Exception {
        for (PayaraProcess server : new PayaraProcess[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
        if (database != null) {
            database.close();
        }
        if (TestDatabase.postgresql()) {
            postgresql("DROP DATABASE IF EXISTS " + FRESH);
        }
    }

    @Test
    void postedThroughOneReadThroughTheOther() {
        String device = Api.newDevice();
        first.api().post(device).token(WRITER).body(Samples.batchOf(3)).send().assertAccepted();
        assertEquals(List.of(0, 1, 2), vals(second.api().get(device, "").token(WRITER).send()));
    }

    @Test
    void aPagedReadAlternatesBetweenInstances() {
        String device = Api.newDevice();
        StringJoiner samples = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 25; i++) {
            samples.add(sample("t", String.valueOf(i), Instant.ofEpochSecond(1_600_000_000L + i).toString()));
        }
        second.api().post(device).token(WRITER).body(samples.toString()).send().assertAccepted();

        List<Integer> walked = new ArrayList<>();
        String token = null;
        int page = 0;
        do {
            Api api = (page++ % 2 == 0 ? first : second).api();
            Api.Reply reply = api.get(device, "limit=4&paginated=true").token(WRITER).header("ContinuationToken", token).send();
            walked.addAll(vals(reply));
            token = reply.header("ContinuationToken");
        } while (token != null);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(i);
        }
        assertEquals(expected, walked);
        assertEquals(7, page);
    }

    @Test
    void theSameNewDeviceThroughBothAtOnceIsOneDevice() {
        for (int round = 0; round < 10; round++) {
            String device = Api.newDevice();
            CompletableFuture<Api.Reply> one = first.api().post(device).token(WRITER)
                    .body(Samples.batch(sample("a", "1", "2020-01-01T00:00:00Z"))).sendAsync();
            CompletableFuture<Api.Reply> two = second.api().post(device).token(WRITER)
                    .body(Samples.batch(sample("b", "2", "2020-01-01T00:00:00Z"))).sendAsync();
            one.join().assertAccepted();
            two.join().assertAccepted();

            JsonObject page = first.api().get(device, "").token(WRITER).send().json();
            assertEquals(2, page.getJsonArray("data").size(), page.toString());
            String other = TestTokens.groups("apollo_read").collections("c2").sign();
            assertEquals(403, second.api().get(device, "").token(other).send().status(), "the device is in c1 only");
        }
    }

    private static PayaraProcess start(String name, Path dataDir, Map<String, String> environment, Path war) {
        try {
            return PayaraProcess.start(name, dataDir, List.of(), environment, war, database.postBootCommands());
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }

    private static List<Integer> vals(Api.Reply page) {
        assertNotNull(page);
        return page.assertEnvelope(200, "").asJsonArray().getValuesAs(JsonObject.class).stream()
                .map(s -> s.getInt("val")).toList();
    }

    private static void postgresql(String statement) throws SQLException {
        try (Connection admin = TestDatabase.connectPostgresql(System.getenv("APOLLO_DB_URL"));
                Statement sql = admin.createStatement()) {
            sql.execute(statement);
        }
    }
}
