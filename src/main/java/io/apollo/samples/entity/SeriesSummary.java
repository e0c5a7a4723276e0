package io.apollo.samples.entity;

import java.time.OffsetDateTime;

/** One series of a device as its listing shows it (docs/api.md §9): its bounds, size and latest sample. */
public record SeriesSummary(String timeseriesId, String metric, OffsetDateTime first, OffsetDateTime last, long count,
        Sample latest) {
}
