package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Metrics;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.TestDatabase;
import io.apollo.testing.TestTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A 202 means durably stored (SPEC §4): a server killed with SIGKILL right after answering, or
 * while clients are posting, still has every acknowledged batch in its database (the H2 file, or
 * PostgreSQL), holds no batch in part, and serves normally once restarted. Its small batches
 * share commits (issue 17), as the default has them.
 */
class PostSamplesDurabilityIT {

    private static final int BATCHES = 40;
    private static final int SAMPLES_PER_BATCH = 25;
    private static final int CLIENTS = 4;

    private final Path dataDir = Path.of("target", "durability-data-" + System.nanoTime()).toAbsolutePath();

    @Test
    void acknowledgedBatchesSurviveAKilledProcess() throws Exception {
        String device = Api.newDevice();
        try (PayaraProcess server = PayaraProcess.start("durability-server", dataDir)) {
            Api api = server.api();
            String token = TestTokens.groups("apollo_write").collections("c1").sign();
            for (int batch = 0; batch < BATCHES; batch++) {
                api.post(device).token(token).body(batch(batch)).send().assertAccepted();
            }
            server.kill();
        }

        assertEquals(BATCHES * SAMPLES_PER_BATCH, storedSamples(device));
    }

    @Test
    void killedWhilePostingKeepsEveryAcknowledgedBatchAndNoBatchInPart() throws Exception {
        String device = Api.newDevice();
        String token = TestTokens.groups("apollo_write").collections("c1").sign();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (PayaraProcess server = PayaraProcess.start("durability-load-server", dataDir)) {
            Api api = server.api();
            for (int client = 0; client < CLIENTS; client++) {
                clients.execute(() -> {
                    while (true) {
                        int batch = next.getAndIncrement();
                        Api.Reply reply;
                        try {
                            reply = api.post(device).token(token).body(batch(batch)).send();
                        } catch (CompletionException serverGone) {
                            return;
                        }
                        if (reply.status() == 202) {
                            acknowledged.add(batch);
                        } else {
                            unexpected.add(batch + ": " + reply.status() + " " + reply.text());
                        }
                    }
                });
            }
            // Killed once batches have been acknowledged, some of them by shared commits (the default).
            String shared = Metrics.series("apollo_shared_commits_total", "outcome", "committed");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            assertTrue(Metrics.await(api, now -> acknowledged.size() >= 40 && now.getOrDefault(shared, 0.0) >= 3,
                    deadline).getOrDefault(shared, 0.0) >= 3, "batches written by shared commits");
            server.kill();
            clients.shutdown();
            assertTrue(clients.awaitTermination(2, TimeUnit.MINUTES), "clients did not notice the server was gone");
        } finally {
            clients.shutdownNow();
        }
        assertTrue(unexpected.isEmpty(), unexpected.toString());
        assertTrue(acknowledged.size() >= 40, "acknowledged " + acknowledged.size());

        try (PayaraProcess restarted = PayaraProcess.start("durability-load-restarted", dataDir)) {
            Api api = restarted.api();
            api.post(device).token(token).body(batch(-1)).send().assertAccepted();
            assertEquals(200, api.get(device, "limit=1").token(token).send().status());
            restarted.stop();
        }

        Map<String, Integer> stored = storedBatches(device);
        for (int batch : acknowledged) {
            assertEquals(SAMPLES_PER_BATCH, stored.getOrDefault("ts-" + batch, 0), "acknowledged batch " + batch);
        }
        stored.forEach((timeseries, samples) -> assertEquals(SAMPLES_PER_BATCH, samples, "batch " + timeseries + " in part"));
        assertEquals(SAMPLES_PER_BATCH, stored.get("ts--1"), "the batch after the restart");
    }

    private static String batch(int batch) {
        StringJoiner samples = new StringJoiner(",", "[", "]");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            samples.add(sample("ts-" + batch, String.valueOf(i), Instant.ofEpochSecond(1_600_000_000L + i).toString()));
        }
        return samples.toString();
    }

    /** The samples stored for each timeseries (one per batch) of the device. */
    private Map<String, Integer> storedBatches(String device) throws SQLException {
        Map<String, Integer> batches = new HashMap<>();
        try (Connection db = TestDatabase.connect(dataDir);
                PreparedStatement count = db.prepareStatement(
                        "SELECT r.timeseries_id, COUNT(*) FROM samples s JOIN series r ON r.series_key = s.series_key"
                                + " JOIN devices d ON d.device_key = s.device_key WHERE d.device_id = ?"
                                + " GROUP BY r.timeseries_id")) {
            count.setString(1, device);
            try (ResultSet result = count.executeQuery()) {
                while (result.next()) {
                    batches.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return batches;
    }

    private int storedSamples(String device) throws SQLException {
        try (Connection db = TestDatabase.connect(dataDir);
                PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM samples s"
                        + " JOIN devices d ON d.device_key = s.device_key WHERE d.device_id = ?")) {
            count.setString(1, device);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
