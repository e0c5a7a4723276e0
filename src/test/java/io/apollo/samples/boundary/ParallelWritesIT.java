package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batches of one device from many connections at once (issue 17): batches of different series are
 * written side by side (shown with a batch held in its open transaction: HeldWrites), batches of
 * the same series one after the other. Whatever the interleaving:
 * every batch is answered 202 (no deadlock, no duplicate key), stored whole and never mixed with
 * another, the minutes table stays exact, and deletes running meanwhile leave no sample, series or
 * minute without its owner.
 */
class ParallelWritesIT extends ServerTest {

    private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
    private static final int SERIES = 8;

    private final String writer = TestTokens.groups("apollo_write").collections("parallel").sign();

    @AfterEach
    void nothingOrphaned() {
        Api.Reply orphans = api.call("GET", "apollo/testing/orphans").send();
        assertEquals(200, orphans.status(), orphans.text());
        assertEquals("{\"samples\":0,\"series\":0,\"minutes\":0}", orphans.json().toString());
    }

    /** Registers the device and its series s0..s7 with one sample each, at T0 minus a day. */
    private String deviceWithSeries() {
        String device = Api.newDevice();
        List<String> samples = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            samples.add(sample("s" + s, "0", T0.minusSeconds(86_400).toString()));
        }
        api.post(device).token(writer).body("[" + String.join(",", samples) + "]").send().assertAccepted();
        return device;
    }

    private CompletableFuture<Api.Reply> post(String device, List<String> samples) {
        return api.post(device).token(writer).body("[" + String.join(",", samples) + "]").sendAsync();
    }

    @Test
    void batchesOfOverlappingSeriesFromManyConnectionsAreAllStoredAndTheMinutesStayExact() {
        String device = deviceWithSeries();
        Set<String> keys = new TreeSet<>();
        for (int s = 0; s < SERIES; s++) {
            keys.add("s" + s + " " + T0.minusSeconds(86_400));
        }
        Random random = new Random(17);
        List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
        for (int b = 0; b < 48; b++) {
            // Four of the eight series, listed in a random order, over times other batches write too:
            // locks are wanted in every order, and keys are written by several batches.
            List<Integer> series = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
            Collections.shuffle(series, random);
            List<String> samples = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String timeseries = "s" + series.get(i % 4);
                Instant time = T0.plusSeconds(random.nextInt(600));
                samples.add(sample(timeseries, b + "." + i, time.toString()));
                keys.add(timeseries + " " + time);
            }
            replies.add(post(device, samples));
        }
        replies.forEach(reply -> reply.join().assertAccepted());

        JsonObject stored = api.assertMinutesExact(device);
        assertEquals(keys, stored.getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .map(row -> row.getString("timeseriesId") + " " + OffsetDateTime.parse(row.getString("timestamp")).toInstant())
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void whileABatchOfOneSeriesIsInItsTransactionAnotherSeriesOfTheDeviceIsWrittenAndTheSameSeriesWaits()
            throws Exception {
        String device = deviceWithSeries();
        String held = "apollo/testing/held-writes/" + Api.segment(device) + "?collection=parallel&timeseriesId=s0&value=1"
                + "&timestamp=" + T0;
        assertEquals(204, api.call("POST", held).send().status());
        CompletableFuture<Api.Reply> sameSeries;
        try {
            // Another series of the device: written and committed while the held batch's transaction is open.
            post(device, List.of(sample("s1", "2", T0.toString()))).get(20, TimeUnit.SECONDS).assertAccepted();
            // The held series: its batch waits for the held one to commit.
            sameSeries = post(device, List.of(sample("s0", "3", T0.toString())));
            Thread.sleep(1_000);
            assertFalse(sameSeries.isDone(), "a batch of the held series waits for it");
        } finally {
            assertEquals(204, api.call("DELETE", "apollo/testing/held-writes/" + Api.segment(device)).send().status());
        }
        sameSeries.get(20, TimeUnit.SECONDS).assertAccepted();

        // The held batch committed first, the one that waited for it after: its value stays.
        JsonObject stored = api.assertMinutesExact(device);
        assertEquals(List.of("s0 3", "s1 2"), stored.getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .filter(row -> OffsetDateTime.parse(row.getString("timestamp")).toInstant().equals(T0))
                .map(row -> row.getString("timeseriesId") + " " + row.getString("value")).toList());
    }

    @Test
    void concurrentBatchesOfTheSameKeysAreNeverMixed() {
        for (int round = 0; round < 3; round++) {
            String device = deviceWithSeries();
            List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
            for (int b = 0; b < 8; b++) {
                // The same 5 series and 20 instants in every batch, its series in an order of its own.
                List<String> samples = new ArrayList<>();
                for (int s = 0; s < 5; s++) {
                    for (int t = 0; t < 20; t++) {
                        samples.add(sample("s" + (s + b) % 5, String.valueOf(b), T0.plusSeconds(t).toString()));
                    }
                }
                replies.add(post(device, samples));
            }
            replies.forEach(reply -> reply.join().assertAccepted());

            JsonObject stored = api.assertMinutesExact(device);
            Set<String> winners = new HashSet<>();
            int written = 0;
            for (JsonObject row : stored.getJsonArray("samples").getValuesAs(JsonObject.class)) {
                if (OffsetDateTime.parse(row.getString("timestamp")).toInstant().isBefore(T0)) {
                    continue;
                }
                winners.add(row.getString("value"));
                written++;
            }
            assertEquals(100, written);
            assertEquals(1, winners.size(), "every key holds the value of one and the same batch: " + winners);
        }
    }

    /** One write of the key: its value, when it was sent and when its 202 came (System.nanoTime). */
    private record Write(String value, long sent, long acknowledged) {
    }

    @Test
    void theKeyKeepsAValueNoWriteWasSentAfterTheAcknowledgementOf() throws Exception {
        String device = deviceWithSeries();
        List<CompletableFuture<Api.Reply>> others = new ArrayList<>();
        for (int b = 0; b < 24; b++) {
            List<String> samples = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                samples.add(sample("s" + (1 + (b + i) % 7), String.valueOf(i), T0.plusSeconds(i).toString()));
            }
            others.add(post(device, samples));
        }
        // 6 connections write the same key over and over, each waiting for its answers.
        List<CompletableFuture<List<Write>>> writers = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            int connection = c;
            writers.add(CompletableFuture.supplyAsync(() -> {
                List<Write> writes = new ArrayList<>();
                for (int n = 0; n < 15; n++) {
                    String value = String.valueOf(connection * 100 + n);
                    long sent = System.nanoTime();
                    post(device, List.of(sample("s0", value, T0.toString()))).join().assertAccepted();
                    writes.add(new Write(value, sent, System.nanoTime()));
                }
                return writes;
            }));
        }
        List<Write> writes = new ArrayList<>();
        for (CompletableFuture<List<Write>> writer : writers) {
            writes.addAll(writer.get(120, TimeUnit.SECONDS));
        }
        others.forEach(reply -> reply.join().assertAccepted());

        // The value kept is the last one committed: no write was sent after it had been acknowledged
        // (such a write committed later, and would have replaced it).
        JsonObject stored = api.assertMinutesExact(device);
        String kept = stored.getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .filter(row -> row.getString("timeseriesId").equals("s0")
                        && OffsetDateTime.parse(row.getString("timestamp")).toInstant().equals(T0))
                .map(row -> row.getString("value")).findFirst().orElseThrow();
        Write last = writes.stream().filter(write -> write.value().equals(kept)).findFirst().orElseThrow();
        assertEquals(List.of(), writes.stream().filter(write -> write.sent() > last.acknowledged()).toList(),
                "written after " + last + " was acknowledged, yet replaced by it");
    }

    @Test
    void deletesOfSeriesAndOfTheDeviceWhileItIsWrittenLeaveNothingBehindAndNoWriteFails() {
        for (int round = 0; round < 3; round++) {
            String device = deviceWithSeries();
            List<CompletableFuture<Api.Reply>> writes = new ArrayList<>();
            List<CompletableFuture<Api.Reply>> deletes = new ArrayList<>();
            for (int b = 0; b < 40; b++) {
                List<String> samples = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    samples.add(sample("s" + (b + i) % SERIES, String.valueOf(b), T0.plusSeconds(b * 50L + i).toString()));
                }
                writes.add(post(device, samples));
                if (b % 10 == 5) {
                    // Every sample of two series: their series rows go, under batches that were about to write them.
                    deletes.add(api.delete(device, "timeseries_ids=s" + b % SERIES + ",s" + (b + 1) % SERIES)
                            .token(writer).sendAsync());
                }
                if (b == 20) {
                    deletes.add(api.deleteDevice(device).token(writer).sendAsync());
                }
            }
            writes.forEach(reply -> reply.join().assertAccepted());
            for (CompletableFuture<Api.Reply> delete : deletes) {
                Api.Reply reply = delete.join();
                // A delete that came after the device's delete and before the next batch registered it anew finds no device.
                if (reply.status() != 404) {
                    assertEquals(200, reply.status(), reply.text());
                }
            }
            api.assertMinutesExact(device);
            // Whether the device's delete ended before the last batches or after: it takes a batch now.
            post(device, List.of(sample("after", "1", T0.toString()))).join().assertAccepted();
            JsonObject stored = api.assertMinutesExact(device);
            assertEquals("parallel", stored.getString("collection"));
        }
    }
}
