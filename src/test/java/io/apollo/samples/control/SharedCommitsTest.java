package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.envelope.control.Rejection;
import io.apollo.operations.control.ServiceMetrics;
import io.apollo.persistence.control.DatabaseVendor;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue of SharedCommits, against transactions that only record what they were given: a
 * batch for the device "held" waits until the test lets it go, so the batches sent meanwhile
 * queue in the order the test sends them.
 */
class SharedCommitsTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2021, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Recorded writes = new Recorded();
    private final SharedCommits commits = new SharedCommits();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    SharedCommitsTest() {
        commits.enabled = true;
        commits.maxSamples = 100;
        commits.writers = 1;
        commits.writes = writes;
        commits.metrics = new ServiceMetrics();
    }

    @AfterEach
    void stop() {
        writes.release.countDown();
        callers.shutdownNow();
    }

    private static BatchWrite batch(String device, int samples) {
        List<ValidSample> list = IntStream.range(0, samples)
                .mapToObj(i -> new ValidSample("s" + i, "Raw", AT, String.valueOf(i), true)).toList();
        return new BatchWrite(device, Set.of("c"), null, list, AT);
    }

    private CompletableFuture<Void> send(BatchWrite batch) {
        return CompletableFuture.runAsync(() -> commits.write(batch), callers);
    }

    /** Sends the held batch, then the others one by one, each queued before the next is sent. */
    private List<CompletableFuture<Void>> queuedBehindAHeldWrite(BatchWrite... batches) throws Exception {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        sent.add(send(batch("held", 1)));
        assertTrue(writes.holding.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < batches.length; i++) {
            sent.add(send(batches[i]));
            long queued = i + 1;
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                while (commits.queued() < queued) {
                    Thread.sleep(1);
                }
            });
        }
        return sent;
    }

    @Test
    void batchesQueuedWhileTheWriterIsBusyAreWrittenTogetherInTheirOrder() throws Exception {
        BatchWrite a = batch("a", 1);
        BatchWrite b = batch("b", 3);
        BatchWrite c = batch("a", 2);
        List<CompletableFuture<Void>> sent = queuedBehindAHeldWrite(a, b, c);
        writes.release.countDown();
        sent.forEach(CompletableFuture::join);
        assertEquals(List.of(List.of(a, b, c)), writes.groups);
        assertEquals(List.of("held"), writes.alone.stream().map(BatchWrite::deviceId).toList());
        assertEquals(0, commits.queued());
    }

    @Test
    void aGroupHoldsAtMostMaxSamplesAndTheRestFormsTheNext() throws Exception {
        commits.maxSamples = 4;
        BatchWrite a = batch("a", 2);
        BatchWrite b = batch("b", 2);
        BatchWrite c = batch("c", 1);
        BatchWrite large = batch("d", 5);
        List<CompletableFuture<Void>> sent = queuedBehindAHeldWrite(a, b, c);
        send(large).get(10, TimeUnit.SECONDS);
        writes.release.countDown();
        sent.forEach(CompletableFuture::join);
        assertEquals(List.of(List.of(a, b)), writes.groups, "c alone in its group: written on its own");
        assertEquals(List.of("held", "d", "c"), writes.alone.stream().map(BatchWrite::deviceId).toList());
    }

    @Test
    void aRefusedBatchFailsItsOwnCallerOnly() throws Exception {
        BatchWrite a = batch("a", 1);
        BatchWrite refused = batch("refused", 1);
        List<CompletableFuture<Void>> sent = queuedBehindAHeldWrite(a, refused);
        writes.release.countDown();
        assertNull(sent.get(1).join());
        Throwable failure = sent.get(2).handle((ok, thrown) -> thrown.getCause()).join();
        assertSame(Recorded.REFUSED, failure);
    }

    @Test
    void aFailedGroupIsWrittenAgainBatchByBatchAndOnlyTheFailingOneFails() throws Exception {
        BatchWrite a = batch("a", 1);
        BatchWrite failing = batch("failing", 1);
        BatchWrite c = batch("c", 1);
        List<CompletableFuture<Void>> sent = queuedBehindAHeldWrite(a, failing, c);
        writes.release.countDown();
        assertNull(sent.get(1).join());
        assertEquals("failing alone", sent.get(2).handle((ok, thrown) -> thrown.getCause().getMessage()).join());
        assertNull(sent.get(3).join());
        assertEquals(List.of("held", "a", "failing", "c"), writes.alone.stream().map(BatchWrite::deviceId).toList());
        assertEquals(List.of(), writes.groups, "the group rolled back");
    }

    @Test
    void switchedOffEveryBatchHasATransactionOfItsOwn() throws Exception {
        commits.enabled = false;
        commits.writers = 1;
        CompletableFuture<Void> held = send(batch("held", 1));
        assertTrue(writes.holding.await(10, TimeUnit.SECONDS));
        send(batch("a", 1)).get(10, TimeUnit.SECONDS);
        writes.release.countDown();
        held.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), writes.groups);
        assertEquals(0, commits.queued());
    }

    @Test
    void theFirstBatchWaitsUpToMaxWaitForMore() throws Exception {
        commits.maxWaitMillis = 1_000;
        commits.maxSamples = 3;
        BatchWrite a = batch("a", 1);
        BatchWrite b = batch("b", 2);
        CompletableFuture<Void> first = send(a);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (commits.queued() < 1) {
                Thread.sleep(1);
            }
        });
        // The first leads the next group (it stays in the queue while it waits for more): the next
        // batch joins it, and fills it, so it is written then.
        CompletableFuture<Void> second = send(b);
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(List.of(a, b)), writes.groups);
    }

    @Test
    void largerBatchesTakeTheirPlacesInTheOrderTheyCame() throws Exception {
        commits.largeBatches = SharedCommits.largeBatchPlaces(Optional.of(1), DatabaseVendor.POSTGRESQL);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        sent.add(send(batch("held", 101)));
        assertTrue(writes.holding.await(10, TimeUnit.SECONDS));
        for (String device : List.of("second", "third")) {
            sent.add(send(batch(device, 101)));
            long waiting = sent.size() - 1;
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                while (commits.largeQueued() < waiting) {
                    Thread.sleep(1);
                }
            });
        }
        // A small batch has places of its own.
        send(batch("small", 1)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("held", "small"), writes.alone.stream().map(BatchWrite::deviceId).toList());
        writes.release.countDown();
        for (CompletableFuture<Void> batch : sent) {
            batch.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("held", "small", "second", "third"),
                writes.alone.stream().map(BatchWrite::deviceId).toList());
        assertEquals(0, commits.largeQueued());
    }

    @Test
    void switchedOffALargerBatchStillWaitsForAPlace() throws Exception {
        commits.enabled = false;
        commits.largeBatches = SharedCommits.largeBatchPlaces(Optional.of(1), DatabaseVendor.POSTGRESQL);
        CompletableFuture<Void> held = send(batch("held", 101));
        assertTrue(writes.holding.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> next = send(batch("next", 101));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (commits.largeQueued() < 1) {
                Thread.sleep(1);
            }
        });
        writes.release.countDown();
        held.get(10, TimeUnit.SECONDS);
        next.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("held", "next"), writes.alone.stream().map(BatchWrite::deviceId).toList());
    }

    @Test
    void aLargerBatchInterruptedWhileItWaitsIsWrittenWithoutTheInterruptionAndGetsItBack() throws Exception {
        commits.largeBatches = SharedCommits.largeBatchPlaces(Optional.of(1), DatabaseVendor.POSTGRESQL);
        CompletableFuture<Void> held = send(batch("held", 101));
        assertTrue(writes.holding.await(10, TimeUnit.SECONDS));
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread waiting = new Thread(() -> {
            commits.write(batch("next", 101));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        waiting.start();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (commits.largeQueued() < 1) {
                Thread.sleep(1);
            }
        });
        waiting.interrupt();
        writes.release.countDown();
        held.get(10, TimeUnit.SECONDS);
        waiting.join(10_000);
        assertEquals(List.of("held", "next"), writes.alone.stream().map(BatchWrite::deviceId).toList());
        assertEquals(List.of(false, false), writes.interruptedWhileWriting, "written without the interruption");
        assertTrue(interruptedAfter.get(), "the interruption given back");
    }

    @Test
    void largerBatchesHaveTwoPlacesOnH2AndNoLimitOnPostgreSQLUnlessSet() {
        Semaphore h2 = SharedCommits.largeBatchPlaces(Optional.empty(), DatabaseVendor.H2);
        assertEquals(2, h2.availablePermits());
        assertTrue(h2.isFair(), "first come, first written");
        assertNull(SharedCommits.largeBatchPlaces(Optional.empty(), DatabaseVendor.POSTGRESQL));
        assertEquals(4, SharedCommits.largeBatchPlaces(Optional.of(4), DatabaseVendor.POSTGRESQL).availablePermits());
        assertNull(SharedCommits.largeBatchPlaces(Optional.of(0), DatabaseVendor.H2));
        assertEquals("apollo.ingest.large-batch-writers must be at least 0 (0: no limit), not -1",
                assertThrows(IllegalArgumentException.class,
                        () -> SharedCommits.largeBatchPlaces(Optional.of(-1), DatabaseVendor.H2)).getMessage());
    }

    @Test
    void aSettingOutOfItsRangeFailsTheStart() {
        commits.writers = 0;
        assertEquals("apollo.ingest.group-commit.writers must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, commits::settings).getMessage());
        commits.writers = 2;
        commits.maxSamples = 0;
        assertEquals("apollo.ingest.group-commit.max-samples must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, commits::settings).getMessage());
        commits.maxSamples = 100;
        commits.maxWaitMillis = 1_001;
        assertEquals("apollo.ingest.group-commit.max-wait-ms must be from 0 to 1000, not 1001",
                assertThrows(IllegalArgumentException.class, commits::settings).getMessage());
        commits.maxWaitMillis = -1;
        assertEquals("apollo.ingest.group-commit.max-wait-ms must be from 0 to 1000, not -1",
                assertThrows(IllegalArgumentException.class, commits::settings).getMessage());
    }

    /**
     * Records the transactions. A group with the device "failing" fails (and so does that batch
     * alone); the device "refused" is refused in a group.
     */
    static final class Recorded extends SampleWrites {

        static final Rejection REFUSED = new DeviceAccessDenied("refused");

        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<BatchWrite> alone = Collections.synchronizedList(new ArrayList<>());
        final List<List<BatchWrite>> groups = Collections.synchronizedList(new ArrayList<>());
        final List<Boolean> interruptedWhileWriting = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(String deviceId, Set<String> callerCollections, String requestedCollection,
                List<ValidSample> samples, OffsetDateTime ingestedAt) {
            alone.add(new BatchWrite(deviceId, callerCollections, requestedCollection, samples, ingestedAt));
            interruptedWhileWriting.add(Thread.currentThread().isInterrupted());
            if (deviceId.equals("held")) {
                holding.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (deviceId.equals("failing")) {
                throw new IllegalStateException("failing alone");
            }
        }

        @Override
        public List<Rejection> writeTogether(List<BatchWrite> group) {
            if (group.stream().anyMatch(batch -> batch.deviceId().equals("failing"))) {
                throw new IllegalStateException("the group failed");
            }
            groups.add(group);
            return group.stream().map(batch -> batch.deviceId().equals("refused") ? REFUSED : null).toList();
        }
    }
}
