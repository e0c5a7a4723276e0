package io.apollo.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The application metrics at {@code /metrics} (README: "Operating it"), registered when the
 * application starts, so that every series is there from the first scrape and recording a request
 * costs a few atomic increments.
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
            BatchOutcome.SERVER_ERROR);

    @Inject
    MetricRegistry registry;

    private Counter samplesAccepted;
    private final Map<BatchOutcome, Counter> samplesRejected = new EnumMap<>(BatchOutcome.class);
    private final Map<BatchOutcome, Counter> batches = new EnumMap<>(BatchOutcome.class);
    private final Map<Operation, Timer> latency = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter[]> buckets = new EnumMap<>(Operation.class);

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        samplesAccepted = registry.counter(Metadata.builder().withName("apollo.samples.accepted")
                .withDescription("Samples stored by accepted batches (202)").build());
        Metadata rejected = Metadata.builder().withName("apollo.samples.rejected")
                .withDescription("Samples of rejected batches whose body was read, by reason").build();
        Metadata outcomes = Metadata.builder().withName("apollo.batches")
                .withDescription("POSTed batches, by outcome: accepted or the reason of the rejection").build();
        for (BatchOutcome outcome : BatchOutcome.values()) {
            batches.put(outcome, registry.counter(outcomes, new Tag("outcome", outcome.tag())));
            if (READ.contains(outcome)) {
                samplesRejected.put(outcome, registry.counter(rejected, new Tag("reason", outcome.tag())));
            }
        }
        Metadata requests = Metadata.builder().withName("apollo.requests")
                .withDescription("Time to answer a request, by operation (count, sum, max and mean)")
                .withUnit(MetricUnits.NANOSECONDS).build();
        Metadata bucket = Metadata.builder().withName("apollo.requests.bucket")
                .withDescription("Requests answered within le seconds, by operation: cumulative buckets"
                        + " for histogram_quantile")
                .build();
        for (Operation operation : Operation.values()) {
            Tag tag = new Tag("operation", operation.tag());
            latency.put(operation, registry.timer(requests, tag));
            Counter[] counters = new Counter[BUCKETS.length + 1];
            for (int i = 0; i < counters.length; i++) {
                String bound = i < BUCKETS.length ? String.valueOf(BUCKETS[i]) : "+Inf";
                counters[i] = registry.counter(bucket, tag, new Tag("le", bound));
            }
            buckets.put(operation, counters);
        }
    }

    /**
     * One answered request of an operation.
     *
     * @param samples the samples it carried, or a negative number when its body was not read
     */
    public void record(Operation operation, int status, int samples, long nanos) {
        latency.get(operation).update(Duration.ofNanos(nanos));
        Counter[] counters = buckets.get(operation);
        double seconds = nanos / 1e9;
        for (int i = counters.length - 1; i >= 0 && (i == BUCKETS.length || seconds <= BUCKETS[i]); i--) {
            counters[i].inc();
        }
        if (operation != Operation.POST_SAMPLES) {
            return;
        }
        BatchOutcome outcome = BatchOutcome.of(status);
        batches.get(outcome).inc();
        if (samples > 0) {
            Counter counter = outcome == BatchOutcome.ACCEPTED ? samplesAccepted : samplesRejected.get(outcome);
            if (counter != null) {
                counter.inc(samples);
            }
        }
    }
}
