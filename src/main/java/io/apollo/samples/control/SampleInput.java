package io.apollo.samples.control;

/** A sample as posted, before validation; a field the client left out is {@code null}. */
public record SampleInput(RawValue timeseriesId, RawValue val, RawValue timestamp, RawValue metric, RawValue mertic) {
}
