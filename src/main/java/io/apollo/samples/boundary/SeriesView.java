package io.apollo.samples.boundary;

import io.apollo.samples.entity.Sample;
import io.apollo.samples.entity.SeriesSummary;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A series of a device's listing (docs/api.md §9): its bounds, size and latest sample. */
@JsonbPropertyOrder({"timeseriesId", "metric", "firstTimestamp", "lastTimestamp", "count", "latest"})
public record SeriesView(String timeseriesId, String metric, String firstTimestamp, String lastTimestamp, long count,
        Latest latest) {

    /** The series' latest sample: its time, its value as stored, and when it was stored. */
    @JsonbPropertyOrder({"timestamp", "unixTimestamp", "val", "ingestUnixTimestamp"})
    public record Latest(String timestamp, long unixTimestamp, JsonValue val, long ingestUnixTimestamp) {
    }

    static SeriesView of(SeriesSummary series) {
        Sample latest = series.latest();
        return new SeriesView(series.timeseriesId(), series.metric(), SampleView.timestamp(series.first()),
                SampleView.timestamp(series.last()), series.count(),
                new Latest(SampleView.timestamp(latest.timestamp()), SampleView.millis(latest.timestamp()),
                        SampleView.value(latest.value(), latest.numeric()), SampleView.millis(latest.ingestedAt())));
    }
}
