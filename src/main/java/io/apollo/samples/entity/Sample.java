package io.apollo.samples.entity;

import java.time.OffsetDateTime;

/**
 * One stored value of one timeseries of a device at one instant, as reads return it. Samples are
 * written and read by SQL (samples.control.SampleStore), not by JPA: this is their read model.
 * The key is the device, timeseries, metric and timestamp; the value is the exact text the client
 * sent, with its JSON type ({@code numeric}), so it is returned unchanged.
 */
public record Sample(String timeseriesId, String metric, OffsetDateTime timestamp, String value, boolean numeric,
        OffsetDateTime ingestedAt) {

    /** The column lengths of the series and samples tables (db/migration), checked by validation before any write. */
    public static final int TIMESERIES_ID_LENGTH = 128;
    public static final int METRIC_LENGTH = 64;
    public static final int VALUE_LENGTH = 1024;
    /** The most decimal places of a number (PostgreSQL's NUMERIC, in which aggregates compute): {@code 1e-16383}. */
    public static final int MAX_DECIMAL_PLACES = 16383;
}
