package io.apollo.samples.control;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an aggregate GET asks for (docs/api.md §9): one function over the samples of each series in
 * buckets of a fixed interval, aligned to the Unix epoch in UTC.
 */
public record Aggregate(Function function, Duration interval) {

    static final Duration SHORTEST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofDays(1);

    /** The functions, by the name a query gives them. */
    public enum Function {
        AVG, MIN, MAX, SUM, COUNT, FIRST, LAST;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String names() {
            return Arrays.stream(values()).map(Function::label).collect(Collectors.joining(", "));
        }
    }

    /**
     * The query parameters as sent (either may be null), adding a problem for each rule they break.
     *
     * @return the aggregate, or null when neither was sent or one was not valid
     */
    static Aggregate parse(String aggregation, String interval, List<String> problems) {
        Function function = null;
        if (aggregation != null) {
            function = Arrays.stream(Function.values())
                    .filter(f -> f.label().equals(aggregation.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
            if (function == null) {
                problems.add("aggregation must be one of " + Function.names());
            }
        }
        Duration step = null;
        if (interval != null) {
            step = duration(interval.strip());
            if (step == null) {
                problems.add("interval must be an ISO-8601 duration of whole seconds from PT1S to P1D, such as PT1M");
            }
        }
        if (aggregation != null && interval == null) {
            problems.add("interval is required with aggregation");
        }
        if (interval != null && aggregation == null) {
            problems.add("aggregation is required with interval");
        }
        return function == null || step == null ? null : new Aggregate(function, step);
    }

    private static Duration duration(String text) {
        try {
            Duration duration = Duration.parse(text);
            boolean wholeSeconds = duration.getNano() == 0;
            return wholeSeconds && duration.compareTo(SHORTEST) >= 0 && duration.compareTo(LONGEST) <= 0
                    ? duration : null;
        } catch (DateTimeParseException notADuration) {
            return null;
        }
    }

    long seconds() {
        return interval.getSeconds();
    }

    /** The start of the bucket that holds {@code time}. */
    OffsetDateTime bucketStart(OffsetDateTime time) {
        return bucket(Math.floorDiv(time.toEpochSecond(), seconds()));
    }

    /** The start of the bucket with this index: index × interval after the epoch. */
    OffsetDateTime bucket(long index) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.multiplyExact(index, seconds())), ZoneOffset.UTC);
    }
}
