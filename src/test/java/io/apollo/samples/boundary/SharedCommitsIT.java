package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Metrics;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import io.apollo.testing.probe.PoisonedValue;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Small batches that arrive together are written in one transaction (SharedCommits), each still
 * answered, refused or failed on its own. To form a group the tests know, they first keep both
 * writers busy: two batches wait for a series held in an open transaction (HeldWrites), so the
 * next batches queue, in the order the tests send them, until it is released.
 */
class SharedCommitsIT extends ServerTest {

    private static final Instant T0 = Instant.parse("2021-04-01T00:00:00Z");
    private static final String QUEUED = Metrics.series("apollo_ingest_queued");
    private static final String WRITING = Metrics.series("apollo_ingest_writing");
    private static final String COMMITTED = Metrics.series("apollo_shared_commits_total", "outcome", "committed");
    private static final String ROLLED_BACK = Metrics.series("apollo_shared_commits_total", "outcome", "rolled_back");
    private static final String BATCHES = Metrics.series("apollo_shared_commit_batches_total");

    private final String shared = TestTokens.groups("apollo_write").collections("shared").sign();
    private final String other = TestTokens.groups("apollo_write").collections("shared-other").sign();

    @Test
    void aGroupWritesItsBatchesInTheirOrderAndRefusesACallerOnItsOwn() {
        String device = Api.newDevice();
        String elsewhere = Api.newDevice();
        Map<String, Double> before = Metrics.read(api);
        List<CompletableFuture<Api.Reply>> replies = inOneGroup(
                post(device, shared, sample("s0", "1", T0.toString())),
                post(device, other, sample("s0", "2", T0.toString()), sample("s9", "2", T0.toString())),
                post(device, shared, sample("s0", "3", T0.toString()), sample("s1", "3", T0.toString())),
                post(elsewhere, other, sample("s0", "4", T0.toString())));

        // The first batch registered the device in its caller's collection; the other collection's
        // batch of it is refused, and only it.
        replies.get(0).join().assertAccepted();
        replies.get(1).join().assertError(403, "User does not have access to device");
        replies.get(2).join().assertAccepted();
        replies.get(3).join().assertAccepted();
        Map<String, Double> after = Metrics.read(api);
        assertEquals(1, Metrics.increase(before, after, COMMITTED));
        assertEquals(0, Metrics.increase(before, after, ROLLED_BACK));
        assertEquals(3, Metrics.increase(before, after, BATCHES));

        // The later batch's value of the key won, as if each had had a transaction of its own, and
        // nothing of the refused batch was written: not its sample of s9, nor the series.
        JsonObject stored = api.assertMinutesExact(device);
        assertEquals("shared", stored.getString("collection"));
        assertEquals(List.of("s0 3", "s1 3"), values(stored));
        assertEquals(List.of("s0/Raw", "s1/Raw"), stored.getJsonArray("series").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).sorted().toList());
        JsonObject storedElsewhere = api.assertMinutesExact(elsewhere);
        assertEquals("shared-other", storedElsewhere.getString("collection"));
        assertEquals(List.of("s0 4"), values(storedElsewhere));
    }

    @Test
    void aBatchTheDatabaseRefusesInAGroupFailsAloneAndItsNeighboursAreStored() {
        String device = Api.newDevice();
        String poisoned = Api.newDevice();
        api.post(poisoned).token(shared).body("[" + sample("s0", "0", T0.toString()) + "]").send().assertAccepted();
        Map<String, Double> before = Metrics.read(api);
        assertEquals(204, api.call("POST", "apollo/testing/poisoned-value").send().status());
        List<CompletableFuture<Api.Reply>> replies;
        try {
            replies = inOneGroup(
                    post(device, shared, sample("s0", "1", T0.toString())),
                    post(poisoned, shared, sample("s1", "1", T0.toString()), sample("s2", "\"" + PoisonedValue.VALUE + "\"", T0.toString())),
                    post(device, shared, sample("s1", "2", T0.toString())));
            replies.forEach(CompletableFuture::join);
        } finally {
            assertEquals(204, api.call("DELETE", "apollo/testing/poisoned-value").send().status());
        }

        replies.get(0).join().assertAccepted();
        Api.Reply failed = replies.get(1).join();
        assertEquals(500, failed.status(), failed.text());
        assertTrue(failed.json().getJsonObject("status").getString("Message").startsWith("Internal server error (error id "),
                failed.text());
        replies.get(2).join().assertAccepted();
        Map<String, Double> after = Metrics.read(api);
        assertEquals(1, Metrics.increase(before, after, ROLLED_BACK), "the group was rolled back, then each written alone");
        assertEquals(0, Metrics.increase(before, after, COMMITTED));
        assertEquals(List.of("s0 1", "s1 2"), values(api.assertMinutesExact(device)));
        assertEquals(List.of("s0 0"), values(api.assertMinutesExact(poisoned)), "nothing of the failed batch");
    }

    /** A batch to post once the writers are busy. */
    private Supplier<CompletableFuture<Api.Reply>> post(String device, String token, String... samples) {
        return () -> api.post(device).token(token).body("[" + String.join(",", samples) + "]").sendAsync();
    }

    /**
     * Sends the batches one after the other into the queue while both writers wait for a held
     * series, then lets them go: the first writer free takes all of them, in that order, as one group.
     */
    @SafeVarargs
    private List<CompletableFuture<Api.Reply>> inOneGroup(Supplier<CompletableFuture<Api.Reply>>... batches) {
        String holder = Api.newDevice();
        api.post(holder).token(shared).body("[" + sample("held", "0", T0.toString()) + "]").send().assertAccepted();
        String held = "apollo/testing/held-writes/" + Api.segment(holder)
                + "?collection=shared&timeseriesId=held&value=1&timestamp=" + T0;
        assertEquals(204, api.call("POST", held).send().status());
        List<CompletableFuture<Api.Reply>> writers = new ArrayList<>();
        List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
        // Well within the database's lock timeout (H2: 30 s), which the writers wait under.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        try {
            for (int w = 1; w <= 2; w++) {
                writers.add(post(holder, shared, sample("held", String.valueOf(1 + w), T0.toString())).get());
                awaitGauge(WRITING, w, deadline);
            }
            for (int b = 0; b < batches.length; b++) {
                replies.add(batches[b].get());
                awaitGauge(QUEUED, b + 1, deadline);
            }
        } finally {
            assertEquals(204, api.call("DELETE", "apollo/testing/held-writes/" + Api.segment(holder)).send().status());
        }
        writers.forEach(reply -> reply.join().assertAccepted());
        return replies;
    }

    private void awaitGauge(String gauge, double value, Instant deadline) {
        assertEquals(value, Metrics.await(api, now -> now.getOrDefault(gauge, Double.NaN) == value, deadline)
                .getOrDefault(gauge, Double.NaN), gauge);
    }

    private static List<String> values(JsonObject stored) {
        return stored.getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .map(row -> row.getString("timeseriesId") + " " + row.getString("value")).toList();
    }
}
