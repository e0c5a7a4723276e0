package io.apollo.operations.control;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The server's metrics API, as {@link ServiceMetrics} needs it: MicroProfile Metrics on Payara
 * ({@link MicroProfileMeters}), Micrometer on WildFly ({@link MicrometerMeters}). Each
 * implementation is left out of bean discovery where its API is absent (WEB-INF/beans.xml); where
 * both are present, the higher {@code @Priority} wins.
 */
public interface Meters {

    /**
     * A counter of the Prometheus family {@code name_total} ({@code .} becomes {@code _}).
     *
     * @param tags label names and values, alternately
     * @return what adds to it
     */
    LongConsumer counter(String name, String description, String... tags);

    /**
     * A timer of the Prometheus family {@code name_seconds}: count, sum and max, no quantiles.
     *
     * @param tags label names and values, alternately
     * @return what records one duration, in nanoseconds
     */
    LongConsumer timer(String name, String description, String... tags);

    /**
     * A gauge of the Prometheus family {@code name} ({@code .} becomes {@code _}), read at each scrape.
     *
     * @return what removes it: the registry may outlive the application (WildFly's), and the gauge
     *     holds {@code value}, an object of the application
     */
    Runnable gauge(String name, String description, LongSupplier value);
}
