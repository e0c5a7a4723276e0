package io.apollo.samples.boundary;

import io.apollo.samples.entity.Sample;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** A stored sample as GET returns it (docs/api.md §5); {@code val} has the JSON type and text it was posted with. */
@JsonbPropertyOrder({"timeseriesId", "metric", "timestamp", "unixTimestamp", "ingestUnixTimestamp", "val"})
public record SampleView(String timeseriesId, String metric, String timestamp, long unixTimestamp,
        long ingestUnixTimestamp, JsonValue val) {

    /** {@code 2018-01-27T00:00:00+00:00}, with a fraction only when it is not zero. */
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true)
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter();

    static SampleView of(Sample sample) {
        return new SampleView(sample.timeseriesId(), sample.metric(),
                TIMESTAMP.format(sample.timestamp().withOffsetSameInstant(ZoneOffset.UTC)),
                millis(sample.timestamp()), millis(sample.ingestedAt()),
                sample.numeric() ? new RawNumber(sample.value()) : Json.createValue(sample.value()));
    }

    private static long millis(OffsetDateTime time) {
        return time.toInstant().toEpochMilli();
    }
}
