package io.apollo.samples.control;

import java.time.OffsetDateTime;

/**
 * The last sample of a page, by the total order pages are read in: timestamp, then timeseries,
 * then metric. The next page starts strictly after it, whatever was inserted since.
 */
public record Cursor(OffsetDateTime timestamp, String timeseriesId, String metric) {
}
