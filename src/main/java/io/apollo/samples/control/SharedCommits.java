package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;
import io.apollo.operations.control.ServiceMetrics;
import io.apollo.persistence.control.DatabaseVendor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Small batches that arrive together share one transaction and so one durable commit, when
 * {@value #ENABLED} is true (the default): every commit writes to disk (H2's file, PostgreSQL's
 * WAL) and ends a transaction, work a single-sample batch otherwise pays alone (figures:
 * docs/performance.md, "Shared commits").
 *
 * <p>A batch of at most {@value #MAX_SAMPLES} samples queues. While fewer than {@value #WRITERS}
 * groups are being written, the first in the queue writes the next group: itself and those queued
 * behind it, up to that many samples in all, after waiting at most {@value #MAX_WAIT} milliseconds
 * for more (0 by default: a group is what arrived while the others were written). The others wait,
 * each answered once the commit that holds its samples is done. A group writes its batches in the
 * order they arrived, so a batch sent after another's answer is written after it, as without
 * groups; groups written at once may commit in either order ({@link SampleWrites#writeTogether}
 * takes its locks in an order that keeps them, and single batches, from waiting in a cycle). A
 * batch its caller may not write is refused on its own in the group. When the group's transaction
 * fails, it is rolled back whole and each of its batches is written again on its own, so a
 * failing batch fails alone and never takes a neighbour's samples with it. A group of one, or every
 * batch with the setting false, is written in a transaction of its own.
 *
 * <p>A larger batch is written in a transaction of its own once one of {@value #LARGE_WRITERS}
 * places is free, in the order the batches came: by default 2 on H2, where more at once only
 * make each one slower (docs/performance.md, "Past saturation"), and no limit (0) on PostgreSQL,
 * which writes more of them at once.
 */
@ApplicationScoped
public class SharedCommits {

    public static final String ENABLED = "apollo.ingest.group-commit";
    public static final String MAX_WAIT = "apollo.ingest.group-commit.max-wait-ms";
    public static final String MAX_SAMPLES = "apollo.ingest.group-commit.max-samples";
    public static final String WRITERS = "apollo.ingest.group-commit.writers";
    public static final String LARGE_WRITERS = "apollo.ingest.large-batch-writers";

    private static final Logger LOG = Logger.getLogger(SharedCommits.class.getName());

    @Inject
    @ConfigProperty(name = ENABLED, defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = MAX_WAIT, defaultValue = "0")
    long maxWaitMillis;

    @Inject
    @ConfigProperty(name = MAX_SAMPLES, defaultValue = "100")
    int maxSamples;

    @Inject
    @ConfigProperty(name = WRITERS, defaultValue = "2")
    int writers;

    /** No default value here: the default depends on the database ({@link #largeBatchPlaces}). */
    @Inject
    @ConfigProperty(name = LARGE_WRITERS)
    Optional<Integer> largeWriters;

    @Inject
    DatabaseVendor vendor;

    @EJB
    SampleWrites writes;

    @Inject
    ServiceMetrics metrics;

    private final List<Runnable> gauges = new ArrayList<>();
    private final Deque<Queued> queue = new ArrayDeque<>();
    private int writing;
    /** The places of larger batches, fair (first come, first written); null: no limit. */
    Semaphore largeBatches;

    /** Observing the application's start checks the settings then, so that a bad one fails the deployment. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more to do: the bean exists now.
    }

    @PostConstruct
    void settings() {
        if (maxWaitMillis < 0 || maxWaitMillis > 1_000) {
            throw new IllegalArgumentException(MAX_WAIT + " must be from 0 to 1000, not " + maxWaitMillis);
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException(MAX_SAMPLES + " must be at least 1, not " + maxSamples);
        }
        if (writers < 1) {
            throw new IllegalArgumentException(WRITERS + " must be at least 1, not " + writers);
        }
        largeBatches = largeBatchPlaces(largeWriters, vendor);
        gauges.add(metrics.gauge("apollo.ingest.queued", "Small batches queued for a shared commit", this::queued));
        gauges.add(metrics.gauge("apollo.ingest.writing", "Groups of small batches being written (at most " + WRITERS
                + ")", this::writing));
        gauges.add(metrics.gauge("apollo.ingest.large.queued", "Larger batches waiting for one of the "
                + LARGE_WRITERS + " places", this::largeQueued));
    }

    /** The places of larger batches that the setting, or the database's default, gives; null for no limit. */
    static Semaphore largeBatchPlaces(Optional<Integer> setting, DatabaseVendor vendor) {
        int places = setting.orElse(vendor == DatabaseVendor.H2 ? 2 : 0);
        if (places < 0) {
            throw new IllegalArgumentException(LARGE_WRITERS + " must be at least 0 (0: no limit), not " + places);
        }
        return places == 0 ? null : new Semaphore(places, true);
    }

    /** The gauges go with the application: on WildFly the registry stays, and would hold this bean. */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(Runnable::run);
    }

    /**
     * Writes the batch, alone or in a group, and returns once it has committed.
     *
     * @throws Rejection when its caller may not write to the device; any other failure of its own
     */
    public void write(BatchWrite batch) {
        if (batch.samples().size() > maxSamples) {
            large(batch);
            return;
        }
        if (!enabled) {
            alone(batch);
            return;
        }
        Queued mine = new Queued(batch);
        List<Queued> group = lead(mine);
        if (group != null) {
            try {
                write(group);
            } finally {
                release(group);
            }
        }
        if (mine.interrupted) {
            // Waited for without interruption, so that the group's transaction ran without it: given back now.
            Thread.currentThread().interrupt();
        }
        mine.answer();
    }

    /** The group the caller is to write, or null once another caller has written its batch. */
    private synchronized List<Queued> lead(Queued mine) {
        queue.addLast(mine);
        notifyAll();
        while (!mine.done && (writing == writers || queue.peekFirst() != mine)) {
            await(mine, 0);
        }
        if (mine.done) {
            return null;
        }
        writing++;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        for (long left = deadline - System.nanoTime(); left > 0 && queuedSamples() < maxSamples;
                left = deadline - System.nanoTime()) {
            await(mine, left);
        }
        List<Queued> group = new ArrayList<>();
        int samples = 0;
        while (!queue.isEmpty() && (group.isEmpty() || samples + queue.peekFirst().size() <= maxSamples)) {
            Queued next = queue.removeFirst();
            samples += next.size();
            group.add(next);
        }
        if (!queue.isEmpty()) {
            // The new head may lead the next group now if a writer is free.
            notifyAll();
        }
        return group;
    }

    /** Waits on the monitor (0: until notified); an interruption is kept for later, as the batch will be written. */
    private void await(Queued mine, long nanos) {
        try {
            if (nanos == 0) {
                wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, nanos);
            }
        } catch (InterruptedException e) {
            mine.interrupted = true;
        }
    }

    private int queuedSamples() {
        return queue.stream().mapToInt(Queued::size).sum();
    }

    synchronized long queued() {
        return queue.size();
    }

    long largeQueued() {
        return largeBatches == null ? 0 : largeBatches.getQueueLength();
    }

    private synchronized long writing() {
        return writing;
    }

    private void write(List<Queued> group) {
        if (group.size() > 1) {
            List<Rejection> refused;
            try {
                refused = writes.writeTogether(group.stream().map(queued -> queued.batch).toList());
            } catch (RuntimeException failure) {
                refused = null;
                LOG.log(Level.WARNING, failure, () -> "A shared commit of " + group.size()
                        + " batches was rolled back; each is written again on its own");
            }
            if (refused != null) {
                for (int i = 0; i < group.size(); i++) {
                    answer(group.get(i), refused.get(i));
                }
                metrics.sharedCommit((int) refused.stream().filter(Objects::isNull).count(), true);
                return;
            }
            metrics.sharedCommit(group.size(), false);
        }
        for (Queued queued : group) {
            RuntimeException failure = null;
            try {
                alone(queued.batch);
            } catch (RuntimeException own) {
                failure = own;
            }
            answer(queued, failure);
        }
    }

    /**
     * Lets the next group be written; a batch of this one still unanswered (an Error stopped its
     * writer) gets a failure rather than waiting for ever.
     */
    private synchronized void release(List<Queued> group) {
        for (Queued queued : group) {
            if (!queued.done) {
                queued.failure = new IllegalStateException("The shared commit of this batch stopped before its end");
                queued.done = true;
            }
        }
        writing--;
        notifyAll();
    }

    /** The batch's answer, its caller woken: null when it was written, else why not. */
    private synchronized void answer(Queued queued, RuntimeException failure) {
        queued.failure = failure;
        queued.done = true;
        notifyAll();
    }

    /**
     * A larger batch, alone once it has a place. An interruption while it waits is given back
     * after the write, as for a queued batch: its transaction runs without it.
     */
    private void large(BatchWrite batch) {
        if (largeBatches == null) {
            alone(batch);
            return;
        }
        largeBatches.acquireUninterruptibly();
        // It sets the interruption again on return: taken off here, and given back after the write.
        boolean interrupted = Thread.interrupted();
        try {
            alone(batch);
        } finally {
            largeBatches.release();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A batch in a transaction of its own, again under its device's lock if a series of it was deleted meanwhile. */
    private void alone(BatchWrite batch) {
        try {
            writes.write(batch.deviceId(), batch.callerCollections(), batch.requestedCollection(), batch.samples(),
                    batch.ingestedAt());
        } catch (SeriesChanged deleted) {
            writes.writeUnderDeviceLock(batch.deviceId(), batch.callerCollections(), batch.requestedCollection(),
                    batch.samples(), batch.ingestedAt());
        }
    }

    /**
     * A batch in the queue; its answer is set, and {@code done}, under the bean's monitor;
     * {@code interrupted} only by its own caller's thread.
     */
    private static final class Queued {

        final BatchWrite batch;
        boolean done;
        RuntimeException failure;
        boolean interrupted;

        Queued(BatchWrite batch) {
            this.batch = batch;
        }

        int size() {
            return batch.samples().size();
        }

        void answer() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
