package io.apollo.operations.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The application metrics at {@code /metrics} (README: "Metrics"), registered once so that
 * recording a request costs a few atomic increments.
 */
@ApplicationScoped
public class ServiceMetrics {

    @Inject
    MetricRegistry registry;

    private Counter samplesAccepted;
    private final Map<BatchOutcome, Counter> samplesRejected = new EnumMap<>(BatchOutcome.class);
    private final Map<BatchOutcome, Counter> batches = new EnumMap<>(BatchOutcome.class);
    private final Map<Operation, Timer> latency = new EnumMap<>(Operation.class);

    @PostConstruct
    void register() {
        samplesAccepted = registry.counter(Metadata.builder().withName("apollo.samples.accepted")
                .withDescription("Samples stored by accepted batches (202)").build());
        Metadata rejected = Metadata.builder().withName("apollo.samples.rejected")
                .withDescription("Samples of rejected batches, by reason; counted when the body was read"
                        + " (validation, forbidden), not when it was refused unread (unauthenticated, too_large)")
                .build();
        Metadata outcomes = Metadata.builder().withName("apollo.batches")
                .withDescription("POSTed batches, by outcome: accepted or the reason of the rejection").build();
        for (BatchOutcome outcome : BatchOutcome.values()) {
            batches.put(outcome, registry.counter(outcomes, new Tag("outcome", outcome.tag())));
            if (outcome != BatchOutcome.ACCEPTED) {
                samplesRejected.put(outcome, registry.counter(rejected, new Tag("reason", outcome.tag())));
            }
        }
        Metadata requests = Metadata.builder().withName("apollo.requests")
                .withDescription("Time to answer a request, by operation, from the first byte read to the last written")
                .withUnit(MetricUnits.NANOSECONDS).build();
        for (Operation operation : Operation.values()) {
            latency.put(operation, registry.timer(requests, new Tag("operation", operation.tag())));
        }
    }

    /**
     * One answered request of an operation.
     *
     * @param samples the samples it carried, or a negative number when its body was not read
     */
    public void record(Operation operation, int status, int samples, long nanos) {
        latency.get(operation).update(Duration.ofNanos(nanos));
        if (operation != Operation.POST_SAMPLES) {
            return;
        }
        BatchOutcome outcome = BatchOutcome.of(status);
        batches.get(outcome).inc();
        if (samples > 0) {
            (outcome == BatchOutcome.ACCEPTED ? samplesAccepted : samplesRejected.get(outcome)).inc(samples);
        }
    }
}
