package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.envelope.control.Rejection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SampleQueryTest {

    @Test
    void defaults() {
        SampleQuery query = SampleQuery.of("d", null, null, null, null, null, null, null, null, null);

        assertEquals(new SampleQuery("d", new TreeSet<>(), null, null, null, false, 100, false, null), query);
    }

    @Test
    void timeseriesIdsAreSplitOnCommasTrimmedAndDeduplicated() {
        SampleQuery query = SampleQuery.of("d", List.of("b, a", "c", "a"), null, null, null, null, null, null, null, null);

        assertEquals(Set.of("a", "b", "c"), query.timeseriesIds());
    }

    @Test
    void everyParameterIsRead() {
        SampleQuery query = SampleQuery.of("d", List.of("a"), "Raw", "2020-01-01T01:00:00+01:00",
                "2020-01-02T00:00:00Z", " timestamp   DESC ", "1000", "TRUE", null, null);

        assertEquals("Raw", query.metric());
        assertEquals(OffsetDateTime.parse("2020-01-01T00:00:00Z"), query.start());
        assertEquals(OffsetDateTime.parse("2020-01-02T00:00:00Z"), query.end());
        assertTrue(query.descending());
        assertEquals(1000, query.limit());
        assertTrue(query.paginated());
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        InvalidQuery rejected = assertThrows(InvalidQuery.class, () -> SampleQuery.of("d", List.of("a,,b"), "",
                "yesterday", "2020-01-01T00:00:00", "value", "1001", "maybe", null, null));

        assertEquals(Rejection.Kind.INVALID, rejected.kind());
        assertEquals("Invalid query: timeseries_ids must be 1 to 128 characters each; metric must be 1 to 64 "
                + "characters; startTime must be an ISO-8601 date-time with offset, e.g. 2018-01-27T00:00:00+00:00; "
                + "endTime must include an offset (Z or ±hh:mm), e.g. 2018-01-27T00:00:00+00:00; orderby must be "
                + "'timestamp asc' or 'timestamp desc'; limit must be a whole number from 1 to 1000; paginated must "
                + "be true or false", rejected.getMessage());
    }

    @Test
    void anEmptyTimeRangeIsRefused() {
        assertThrows(InvalidQuery.class, () -> SampleQuery.of("d", null, null, "2020-01-01T00:00:00Z",
                "2020-01-01T00:00:00Z", null, null, null, null, null));
    }

    @Test
    void theFingerprintIgnoresPageSizeButNothingElse() {
        SampleQuery query = SampleQuery.of("d", List.of("a"), null, null, null, null, "10", "true", null, null);

        assertEquals(query.fingerprint(), SampleQuery.of("d", List.of("a"), null, null, null, null, "20", "true", null, null)
                .fingerprint());
        assertFalse(query.fingerprint().equals(SampleQuery.of("d", List.of("a", "b"), null, null, null, null, "10",
                "true", null, null).fingerprint()));
        assertFalse(query.fingerprint().equals(SampleQuery.of("e", List.of("a"), null, null, null, null, "10",
                "true", null, null).fingerprint()));
        assertNull(query.metric());
        assertFalse(query.fingerprint().equals(SampleQuery.of("d", List.of("a"), "null", null, null, null, "10",
                "true", null, null).fingerprint()), "an absent metric is not the metric named null");
    }

    /** The fingerprint of a raw query is that of the release before aggregates: its tokens go on working. */
    @Test
    void aRawQuerysFingerprintIsUnchanged() {
        assertEquals("{\"deviceId\":\"d\",\"timeseriesIds\":[\"a\"],\"metric\":\"Raw\",\"start\":\"2020-01-01T00:00Z\","
                + "\"end\":null,\"descending\":true}", SampleQuery.of("d", List.of("a"), "Raw", "2020-01-01T00:00:00Z", null,
                "timestamp desc", "10", "true", null, null).fingerprint());
        assertFalse(SampleQuery.of("d", List.of("a"), "Raw", "2020-01-01T00:00:00Z", null, "timestamp desc", "10", "true",
                "avg", "PT1M").fingerprint().equals(SampleQuery.of("d", List.of("a"), "Raw", "2020-01-01T00:00:00Z", null,
                "timestamp desc", "10", "true", "avg", "PT2M").fingerprint()));
    }
}
