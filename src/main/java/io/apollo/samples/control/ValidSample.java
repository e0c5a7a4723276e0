package io.apollo.samples.control;

import java.time.OffsetDateTime;

/** A sample that passed every rule: timestamp in UTC at microsecond precision, value as sent. */
public record ValidSample(String timeseriesId, String metric, OffsetDateTime timestamp, String value, boolean numeric) {
}
