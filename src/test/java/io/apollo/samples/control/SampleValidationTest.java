package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonValue.ValueType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleValidationTest {

    private static final RawValue TIMESERIES = RawValue.string("ts-1");
    private static final RawValue TIMESTAMP = RawValue.string("2018-01-27T00:00:00+00:00");
    private static final RawValue METRIC = RawValue.string("Raw");

    @Test
    void validSampleKeepsValueTextAndType() {
        List<ValidSample> valid = SampleValidation.validate(List.of(
                new SampleInput(TIMESERIES, RawValue.number("6.50"), TIMESTAMP, METRIC, null),
                new SampleInput(TIMESERIES, RawValue.string("6"), TIMESTAMP, METRIC, null)));

        assertEquals(new ValidSample("ts-1", "Raw", OffsetDateTime.parse("2018-01-27T00:00:00Z"), "6.50", true),
                valid.get(0));
        assertEquals(new ValidSample("ts-1", "Raw", OffsetDateTime.parse("2018-01-27T00:00:00Z"), "6", false),
                valid.get(1));
    }

    @Test
    void merticIsAnAliasOfMetric() {
        List<ValidSample> valid = SampleValidation.validate(List.of(
                new SampleInput(TIMESERIES, RawValue.number("7"), TIMESTAMP, null, METRIC),
                new SampleInput(TIMESERIES, RawValue.number("7"), TIMESTAMP, METRIC, METRIC)));

        assertEquals("Raw", valid.get(0).metric());
        assertEquals("Raw", valid.get(1).metric());
    }

    @Test
    void metricAndMerticThatDifferAreRejected() {
        assertEquals(List.of(new Violation(0, "metric", "metric and its alias mertic are both given and differ")),
                violations(new SampleInput(TIMESERIES, RawValue.number("7"), TIMESTAMP, METRIC, RawValue.string("Other"))));
    }

    @Test
    void everyProblemOfEverySampleIsListed() {
        List<Violation> violations = violations(
                new SampleInput(TIMESERIES, RawValue.number("1"), TIMESTAMP, METRIC, null),
                new SampleInput(null, null, null, null, null),
                new SampleInput(RawValue.number("5"), RawValue.of(ValueType.NULL), RawValue.string("2018-01-27"),
                        RawValue.string(""), null));

        assertEquals(List.of(
                new Violation(1, "timeseriesId", "is required"),
                new Violation(1, "val", "is required"),
                new Violation(1, "timestamp", "is required"),
                new Violation(1, "metric", "is required"),
                new Violation(2, "timeseriesId", "must be a string, not a number"),
                new Violation(2, "val", "must be a number or a string, not null"),
                new Violation(2, "metric", "must not be empty"),
                new Violation(2, "timestamp",
                        "must be an ISO-8601 date-time with offset, e.g. 2018-01-27T00:00:00+00:00")),
                violations);
    }

    @Test
    void valOfEveryOtherJsonTypeIsRejected() {
        for (ValueType type : List.of(ValueType.TRUE, ValueType.FALSE, ValueType.OBJECT, ValueType.ARRAY)) {
            List<Violation> violations = violations(new SampleInput(TIMESERIES, RawValue.of(type), TIMESTAMP, METRIC, null));
            assertEquals(1, violations.size(), type.name());
            assertEquals("val", violations.get(0).field());
        }
    }

    @Test
    void lengthsAreBoundedByTheColumnSizes() {
        List<Violation> violations = violations(new SampleInput(RawValue.string("t".repeat(129)),
                RawValue.string("v".repeat(1025)), TIMESTAMP, RawValue.string("m".repeat(65)), null));

        assertEquals(List.of(
                new Violation(0, "timeseriesId", "must be at most 128 characters"),
                new Violation(0, "val", "must be at most 1024 characters"),
                new Violation(0, "metric", "must be at most 64 characters")), violations);
    }

    @Test
    void longestAllowedValuesPass() {
        List<ValidSample> valid = SampleValidation.validate(List.of(new SampleInput(RawValue.string("t".repeat(128)),
                RawValue.string("v".repeat(1024)), TIMESTAMP, RawValue.string("m".repeat(64)), null)));
        assertEquals(1, valid.size());
    }

    @Test
    void problemsOfAnAliasAreReportedUnderTheAlias() {
        assertEquals(List.of(new Violation(0, "mertic", "must be a string, not a boolean")),
                violations(new SampleInput(TIMESERIES, RawValue.number("1"), TIMESTAMP, null, RawValue.of(ValueType.TRUE))));
    }

    @Test
    void reportListsAtMostOneHundredButCountsAll() {
        List<SampleInput> batch = new ArrayList<>(Collections.nCopies(150, new SampleInput(null, RawValue.number("1"),
                TIMESTAMP, METRIC, null)));

        InvalidSamples rejected = assertThrows(InvalidSamples.class, () -> SampleValidation.validate(batch));

        InvalidSamples.Report report = (InvalidSamples.Report) rejected.data();
        assertEquals(100, report.errors().size());
        assertEquals(150, report.errorCount());
        assertEquals(new Violation(99, "timeseriesId", "is required"), report.errors().get(99));
    }

    private static List<Violation> violations(SampleInput... batch) {
        InvalidSamples rejected = assertThrows(InvalidSamples.class, () -> SampleValidation.validate(List.of(batch)));
        return ((InvalidSamples.Report) rejected.data()).errors();
    }
}
