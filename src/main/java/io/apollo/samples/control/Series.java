package io.apollo.samples.control;

import java.util.Comparator;

/**
 * One series of a device, a timeseries and metric, and the small key its samples are stored
 * under (db/migration V2): a sample row holds two integers where it held two long ids.
 */
record Series(int key, String timeseriesId, String metric) {

    /** By timeseries, then metric, as samples of one instant are ordered (Cursor). */
    static final Comparator<Series> ORDER = Comparator.comparing(Series::timeseriesId).thenComparing(Series::metric);
}
