package io.apollo.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The application metrics at {@code /metrics} (docs/operations.md §10.1), registered when the
 * application starts, so that every series is there from the first scrape and recording a request
 * costs a few atomic increments. On a server with no metrics API at all, requests go uncounted.
 */
@ApplicationScoped
public class ServiceMetrics {

    /**
     * Upper bounds, in seconds, of the latency buckets. Counted here rather than by a timer's own
     * buckets: Payara Micro 6 derives those from a sample of the last 1,028 requests, so they stop
     * counting there and are no use to Prometheus' {@code rate}.
     */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** The outcomes after which the samples of a batch were read, and so can be counted. */
    private static final Set<BatchOutcome> READ = EnumSet.of(BatchOutcome.VALIDATION, BatchOutcome.FORBIDDEN,
            BatchOutcome.TOO_BUSY, BatchOutcome.SERVER_ERROR);

    private static final Logger LOG = Logger.getLogger(ServiceMetrics.class.getName());

    @Inject
    Instance<Meters> available;

    private boolean counting;
    private LongConsumer samplesAccepted;
    private LongConsumer samplesPurged;
    private LongConsumer sharedCommits;
    private LongConsumer sharedCommitsRolledBack;
    private LongConsumer sharedBatches;
    private final Map<BatchOutcome, LongConsumer> samplesRejected = new EnumMap<>(BatchOutcome.class);
    private final Map<BatchOutcome, LongConsumer> batches = new EnumMap<>(BatchOutcome.class);
    private final Map<Operation, LongConsumer> latency = new EnumMap<>(Operation.class);
    private final Map<Operation, LongConsumer[]> buckets = new EnumMap<>(Operation.class);

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!available.isResolvable()) {
            LOG.warning("Neither MicroProfile Metrics nor Micrometer on this server: requests are logged but not counted");
            return;
        }
        Meters meters = available.get();
        samplesAccepted = meters.counter("apollo.samples.accepted", "Samples stored by accepted batches (202)");
        samplesPurged = meters.counter("apollo.samples.purged", "Samples removed by the retention purge");
        String shared = "Transactions that wrote several small batches at once, by outcome: committed, or rolled back"
                + " and their batches written one by one";
        sharedCommits = meters.counter("apollo.shared.commits", shared, "outcome", "committed");
        sharedCommitsRolledBack = meters.counter("apollo.shared.commits", shared, "outcome", "rolled_back");
        sharedBatches = meters.counter("apollo.shared.commit.batches", "Batches written by committed shared commits");
        String rejected = "Samples of rejected batches whose body was read, by reason";
        String outcomes = "POSTed batches, by outcome: accepted or the reason of the rejection";
        for (BatchOutcome outcome : BatchOutcome.values()) {
            batches.put(outcome, meters.counter("apollo.batches", outcomes, "outcome", outcome.tag()));
            if (READ.contains(outcome)) {
                samplesRejected.put(outcome, meters.counter("apollo.samples.rejected", rejected, "reason", outcome.tag()));
            }
        }
        String requests = "Time to answer a request, by operation (count, sum and max)";
        String bucket = "Requests answered within le seconds, by operation: cumulative buckets for histogram_quantile";
        for (Operation operation : Operation.values()) {
            latency.put(operation, meters.timer("apollo.requests", requests, "operation", operation.tag()));
            LongConsumer[] counters = new LongConsumer[BUCKETS.length + 1];
            for (int i = 0; i < counters.length; i++) {
                String bound = i < BUCKETS.length ? String.valueOf(BUCKETS[i]) : "+Inf";
                counters[i] = meters.counter("apollo.requests.within", bucket, "operation", operation.tag(), "le", bound);
            }
            buckets.put(operation, counters);
        }
        counting = true;
    }

    /**
     * One answered request of an operation.
     *
     * @param samples the samples it carried, or a negative number when its body was not read
     */
    public void record(Operation operation, int status, int samples, long nanos) {
        if (!counting) {
            return;
        }
        latency.get(operation).accept(nanos);
        LongConsumer[] counters = buckets.get(operation);
        double seconds = nanos / 1e9;
        for (int i = counters.length - 1; i >= 0 && (i == BUCKETS.length || seconds <= BUCKETS[i]); i--) {
            counters[i].accept(1);
        }
        if (operation != Operation.POST_SAMPLES) {
            return;
        }
        BatchOutcome outcome = BatchOutcome.of(status);
        batches.get(outcome).accept(1);
        if (samples > 0) {
            LongConsumer counter = outcome == BatchOutcome.ACCEPTED ? samplesAccepted : samplesRejected.get(outcome);
            if (counter != null) {
                counter.accept(samples);
            }
        }
    }

    /**
     * One transaction that wrote several batches (a shared commit): committed, with how many
     * batches it wrote (its callers may refuse some), or rolled back and its batches written again
     * one by one.
     */
    public void sharedCommit(int written, boolean committed) {
        if (counting) {
            (committed ? sharedCommits : sharedCommitsRolledBack).accept(1);
            if (committed) {
                sharedBatches.accept(written);
            }
        }
    }

    /**
     * A value read at each scrape, on a server with a metrics API.
     *
     * @return what removes it, to be run when the application stops (the gauge holds {@code value})
     */
    public Runnable gauge(String name, String description, LongSupplier value) {
        return available.isResolvable() ? available.get().gauge(name, description, value) : () -> { };
    }

    /** Samples the retention purge removed. */
    public void purged(long samples) {
        if (counting && samples > 0) {
            samplesPurged.accept(samples);
        }
    }
}
