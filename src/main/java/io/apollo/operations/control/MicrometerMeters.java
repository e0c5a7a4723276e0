package io.apollo.operations.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * {@link Meters} in the server's Micrometer registry: WildFly's {@code micrometer} subsystem,
 * whose Prometheus registry serves them (server-config/wildfly/apollo.cli).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class MicrometerMeters implements Meters {

    @Inject
    MeterRegistry registry;

    @Override
    public LongConsumer counter(String name, String description, String... tags) {
        Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
        return counter::increment;
    }

    @Override
    public LongConsumer timer(String name, String description, String... tags) {
        Timer timer = Timer.builder(name).description(description).tags(tags).register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public Runnable gauge(String name, String description, LongSupplier value) {
        Gauge gauge = Gauge.builder(name, value::getAsLong).description(description).register(registry);
        return () -> registry.remove(gauge);
    }
}
