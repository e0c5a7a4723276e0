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
        return new SampleView(sample.timeseriesId(), sample.metric(), timestamp(sample.timestamp()),
                millis(sample.timestamp()), millis(sample.ingestedAt()), value(sample.value(), sample.numeric()));
    }

    /** A time as every view writes it: in UTC, in the form of {@link #TIMESTAMP}. */
    static String timestamp(OffsetDateTime time) {
        return TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    static long millis(OffsetDateTime time) {
        return time.toInstant().toEpochMilli();
    }

    /** A value with its JSON type and its exact text; JSON null for none. */
    static JsonValue value(String text, boolean numeric) {
        if (text == null) {
            return JsonValue.NULL;
        }
        return numeric ? new RawNumber(text) : Json.createValue(text);
    }
}
