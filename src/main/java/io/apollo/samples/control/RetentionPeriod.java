package io.apollo.samples.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long samples are kept ({@value #MAX_AGE}, an ISO-8601 duration such as {@code P90D}; unset:
 * for ever), counted back from now on their timestamps. Older samples are purged in the
 * background, and refused when they are already that old when posted.
 */
@ApplicationScoped
public class RetentionPeriod {

    public static final String MAX_AGE = "apollo.retention.max-age";

    @Inject
    @ConfigProperty(name = MAX_AGE)
    Optional<String> configured;

    private Optional<Duration> maxAge;

    @PostConstruct
    void read() {
        maxAge = configured.filter(text -> !text.isBlank()).map(RetentionPeriod::parse);
    }

    static Duration parse(String text) {
        try {
            Duration duration = Duration.parse(text.strip());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(MAX_AGE + " must be positive, not " + text);
            }
            return duration;
        } catch (DateTimeParseException notADuration) {
            throw new IllegalArgumentException(MAX_AGE + " must be an ISO-8601 duration in days, hours, minutes or"
                    + " seconds (such as P90D or PT12H), not " + text, notADuration);
        }
    }

    public Optional<Duration> maxAge() {
        return maxAge;
    }

    /** What is kept at one instant: samples from {@code oldestKept} on, as the period (its text) says. */
    public record Window(String period, OffsetDateTime oldestKept) {

        /** The reason a sample at this time is not kept, or null when it is. */
        String refusal(OffsetDateTime timestamp) {
            return timestamp.isBefore(oldestKept) ? "is older than the retention period (" + period
                    + "): samples before " + oldestKept.toInstant() + " are not kept" : null;
        }
    }

    /**
     * What is kept at {@code now}: empty when samples are kept for ever, or when the period
     * reaches back before the first timestamp a sample may have (year 1).
     */
    public Optional<Window> at(Instant now) {
        return maxAge.flatMap(age -> {
            try {
                return Optional.of(OffsetDateTime.ofInstant(now.minus(age), ZoneOffset.UTC))
                        .filter(oldest -> oldest.getYear() >= SampleTimestamps.MIN_YEAR)
                        .map(oldest -> new Window(configured.get().strip(), oldest));
            } catch (DateTimeException | ArithmeticException beforeAnyClock) {
                return Optional.empty();
            }
        });
    }
}
