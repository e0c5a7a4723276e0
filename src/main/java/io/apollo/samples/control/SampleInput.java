package io.apollo.samples.control;

import java.util.Set;

/**
 * A sample as posted, before validation; a field the client left out is {@code null}.
 *
 * @param repeated the fields above that the sample's object gave more than once (by their JSON names)
 */
public record SampleInput(RawValue timeseriesId, RawValue val, RawValue timestamp, RawValue metric, RawValue mertic,
        Set<String> repeated) {

    public SampleInput(RawValue timeseriesId, RawValue val, RawValue timestamp, RawValue metric, RawValue mertic) {
        this(timeseriesId, val, timestamp, metric, mertic, Set.of());
    }
}
