package io.apollo.samples.entity;

import java.time.OffsetDateTime;

/**
 * An aggregate of one series over one bucket of time (docs/api.md §9): its start, how many samples
 * it holds, and the function's value as text, a JSON number when {@code numeric}; null when the
 * function takes numbers and the bucket has none.
 */
public record Bucket(String timeseriesId, String metric, OffsetDateTime start, String value, boolean numeric,
        long count) {
}
