package io.apollo.operations.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** {@link Meters} in MicroProfile Metrics' application registry, which the server serves at {@code /metrics}. */
@ApplicationScoped
@Alternative
@Priority(2)
public class MicroProfileMeters implements Meters {

    @Inject
    MetricRegistry registry;

    @Override
    public LongConsumer counter(String name, String description, String... tags) {
        Counter counter = registry.counter(Metadata.builder().withName(name).withDescription(description).build(),
                tags(tags));
        return counter::inc;
    }

    @Override
    public LongConsumer timer(String name, String description, String... tags) {
        Timer timer = registry.timer(Metadata.builder().withName(name).withDescription(description)
                .withUnit(MetricUnits.NANOSECONDS).build(), tags(tags));
        return nanos -> timer.update(Duration.ofNanos(nanos));
    }

    @Override
    public Runnable gauge(String name, String description, LongSupplier value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value::getAsLong);
        return () -> registry.remove(new MetricID(name));
    }

    private static Tag[] tags(String... namesAndValues) {
        Tag[] tags = new Tag[namesAndValues.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        }
        return tags;
    }
}
