package io.apollo.samples.boundary;

import io.apollo.samples.entity.Bucket;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A bucket of an aggregate GET (docs/api.md §9): its start as {@code timestamp}, the function's
 * value ({@code null} when it takes numbers and the bucket has none) and how many samples it holds.
 */
@JsonbPropertyOrder({"timeseriesId", "metric", "timestamp", "unixTimestamp", "val", "count"})
public record BucketView(String timeseriesId, String metric, String timestamp, long unixTimestamp, JsonValue val,
        long count) {

    static BucketView of(Bucket bucket) {
        return new BucketView(bucket.timeseriesId(), bucket.metric(), SampleView.timestamp(bucket.start()),
                SampleView.millis(bucket.start()), SampleView.value(bucket.value(), bucket.numeric()), bucket.count());
    }
}
