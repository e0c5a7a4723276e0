package io.apollo.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.Samples;
import io.apollo.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sixteen clients post and read at once for a bounded time ({@code it.load.seconds}, one minute
 * by default), in rounds: no 5xx, no connection error, every acknowledged sample readable
 * afterwards page by page, and the heap after a full GC not growing round over round.
 */
class SustainedLoadIT {

    private static final int WRITERS = 12;
    private static final int READERS = 4;
    private static final int ROUNDS = 3;
    private static final int SAMPLES_PER_BATCH = 10;
    private static final long SECONDS = Long.getLong("it.load.seconds", 60);
    /**
     * What the heap may gain from the first round to the last: H2's page cache grows with its file
     * (about 1.3 MiB a round here). A leak of 1 KiB per request would add about 14 MiB.
     */
    private static final long ALLOWED_GROWTH = 16L * 1024 * 1024;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Path dataDir = Path.of("target", "load-data-" + System.nanoTime()).toAbsolutePath();

    @Test
    void sixteenClientsPostingAndReading() throws Exception {
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            devices.add(Api.newDevice());
        }
        AtomicLong[] acknowledged = new AtomicLong[WRITERS];
        for (int i = 0; i < WRITERS; i++) {
            acknowledged[i] = new AtomicLong();
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Long> heapAfterRounds = new ArrayList<>();
        AtomicLong requests = new AtomicLong();
        try (PayaraProcess server = PayaraProcess.start("load-server", dataDir)) {
            Api api = server.api();
            for (int writer = 0; writer < WRITERS; writer++) {
                api.post(devices.get(writer)).token(token()).body(batch(0)).send().assertAccepted();
                acknowledged[writer].set(SAMPLES_PER_BATCH);
            }
            for (int round = 0; round < ROUNDS; round++) {
                String token = token();
                Instant end = Instant.now().plusSeconds(SECONDS / ROUNDS);
                ExecutorService clients = Executors.newFixedThreadPool(WRITERS + READERS);
                for (int writer = 0; writer < WRITERS; writer++) {
                    int w = writer;
                    clients.execute(() -> {
                        while (Instant.now().isBefore(end)) {
                            long batch = acknowledged[w].get() / SAMPLES_PER_BATCH;
                            Api.Reply reply = call(() -> api.post(devices.get(w)).token(token).body(batch(batch)).send(),
                                    failures);
                            requests.incrementAndGet();
                            if (reply != null && reply.status() == 202) {
                                acknowledged[w].addAndGet(SAMPLES_PER_BATCH);
                            } else if (reply != null) {
                                failures.add("POST " + reply.status() + " " + reply.text());
                            }
                        }
                    });
                }
                for (int reader = 0; reader < READERS; reader++) {
                    clients.execute(() -> {
                        while (Instant.now().isBefore(end)) {
                            String device = devices.get(ThreadLocalRandom.current().nextInt(WRITERS));
                            Api.Reply reply = call(() -> api.get(device, "limit=1000&orderby=timestamp%20desc")
                                    .token(token).send(), failures);
                            requests.incrementAndGet();
                            if (reply != null && reply.status() != 200) {
                                failures.add("GET " + reply.status() + " " + reply.text());
                            }
                        }
                    });
                }
                clients.shutdown();
                assertTrue(clients.awaitTermination(SECONDS + 120, TimeUnit.SECONDS));
                heapAfterRounds.add(heapAfterFullGc(server.pid()));
            }
            System.out.printf("%d requests; heap used after a full GC, round by round: %s KiB%n", requests.get(),
                    heapAfterRounds.stream().map(bytes -> String.valueOf(bytes / 1024)).toList());
            assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failures");

            for (int writer = 0; writer < WRITERS; writer++) {
                assertEquals(acknowledged[writer].get(), readAll(api, devices.get(writer), token()), devices.get(writer));
            }
            server.stop();
        }
        long first = heapAfterRounds.get(0);
        long last = heapAfterRounds.get(ROUNDS - 1);
        assertTrue(last - first <= ALLOWED_GROWTH, "heap after GC grew from " + first + " to " + last + " bytes");
    }

    /** A fresh token for each round: one minted at the start would expire during a long run. */
    private static String token() {
        return TestTokens.groups("apollo_write").collections("load").sign();
    }

    /** The request's reply, or null after recording a connection error. */
    private static Api.Reply call(java.util.function.Supplier<Api.Reply> request, List<String> failures) {
        try {
            return request.get();
        } catch (CompletionException connectionError) {
            failures.add("connection: " + connectionError.getCause());
            return null;
        }
    }

    /** Every sample of the device, page by page with continuation tokens. */
    private static long readAll(Api api, String device, String token) {
        long samples = 0;
        String continuation = null;
        do {
            Api.Reply page = api.get(device, "limit=1000&paginated=true").token(token)
                    .header("ContinuationToken", continuation).send();
            samples += page.assertEnvelope(200, "").asJsonArray().size();
            continuation = page.header("ContinuationToken");
        } while (continuation != null);
        return samples;
    }

    /** Distinct timestamps per batch, so every sample of every batch is a new key. */
    private static String batch(long batch) {
        StringJoiner samples = new StringJoiner(",", "[", "]");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            long second = 1_600_000_000L + batch * SAMPLES_PER_BATCH + i;
            samples.add(Samples.sample("ts", String.valueOf(i), Instant.ofEpochSecond(second).toString()));
        }
        return samples.toString();
    }

    /** The server's used heap right after a full collection, from the JDK's jcmd. */
    private static long heapAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        assertTrue(used.find(), "no heap figure from jcmd");
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jcmd.waitFor(), output);
        return output;
    }
}
