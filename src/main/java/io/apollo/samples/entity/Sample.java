package io.apollo.samples.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One value of one timeseries at one instant. The key is the device, timeseries, metric and
 * timestamp: writing a key again replaces its value. The value is kept as the exact text the
 * client sent, with its JSON type, so it is returned unchanged.
 */
@Entity
@Table(name = "samples")
@IdClass(Sample.Key.class)
public class Sample {

    public static final int TIMESERIES_ID_LENGTH = 128;
    public static final int METRIC_LENGTH = 64;
    public static final int VALUE_LENGTH = 1024;

    @Id
    @Column(name = "device_id", length = Device.ID_LENGTH)
    private String deviceId;

    @Id
    @Column(name = "timeseries_id", length = TIMESERIES_ID_LENGTH)
    private String timeseriesId;

    @Id
    @Column(name = "metric", length = METRIC_LENGTH)
    private String metric;

    @Id
    @Column(name = "sample_time")
    private OffsetDateTime timestamp;

    @Column(name = "value_text", length = VALUE_LENGTH, nullable = false)
    private String value;

    @Column(name = "value_is_number", nullable = false)
    private boolean numeric;

    @Column(name = "ingested_at", nullable = false)
    private OffsetDateTime ingestedAt;

    protected Sample() {
    }

    public Sample(String deviceId, String timeseriesId, String metric, OffsetDateTime timestamp, String value,
            boolean numeric, OffsetDateTime ingestedAt) {
        this.deviceId = deviceId;
        this.timeseriesId = timeseriesId;
        this.metric = metric;
        this.timestamp = timestamp;
        this.value = value;
        this.numeric = numeric;
        this.ingestedAt = ingestedAt;
    }

    public String deviceId() {
        return deviceId;
    }

    public String timeseriesId() {
        return timeseriesId;
    }

    public String metric() {
        return metric;
    }

    public OffsetDateTime timestamp() {
        return timestamp;
    }

    public String value() {
        return value;
    }

    public boolean numeric() {
        return numeric;
    }

    public OffsetDateTime ingestedAt() {
        return ingestedAt;
    }

    public static class Key implements Serializable {

        private String deviceId;
        private String timeseriesId;
        private String metric;
        private OffsetDateTime timestamp;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(deviceId, key.deviceId)
                    && Objects.equals(timeseriesId, key.timeseriesId)
                    && Objects.equals(metric, key.metric)
                    && Objects.equals(timestamp, key.timestamp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, timeseriesId, metric, timestamp);
        }
    }
}
