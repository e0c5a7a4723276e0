package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateTest {

    @Test
    void bucketsAreAlignedToTheEpochInUtcBeforeAndAfterIt() {
        Aggregate quarter = new Aggregate(Aggregate.Function.AVG, Duration.ofMinutes(15));
        assertEquals(OffsetDateTime.parse("2021-03-01T00:15:00Z"),
                quarter.bucketStart(OffsetDateTime.parse("2021-03-01T01:29:59.999999+01:00")));
        assertEquals(OffsetDateTime.parse("1969-12-31T23:45:00Z"),
                quarter.bucketStart(OffsetDateTime.parse("1969-12-31T23:59:59.5Z")));
        Aggregate day = new Aggregate(Aggregate.Function.SUM, Duration.ofDays(1));
        assertEquals(OffsetDateTime.parse("2021-03-01T00:00:00Z"),
                day.bucketStart(OffsetDateTime.parse("2021-03-01T23:30:00+00:30")));
        assertEquals(OffsetDateTime.parse("2021-03-02T00:00:00Z"),
                day.bucketStart(OffsetDateTime.parse("2021-03-01T23:30:00-00:30")));
    }

    @Test
    void bothOrNeitherAndEachProblemNamed() {
        List<String> problems = new ArrayList<>();
        assertNull(Aggregate.parse(null, null, problems));
        assertEquals(List.of(), problems);
        assertEquals(new Aggregate(Aggregate.Function.LAST, Duration.ofDays(1)),
                Aggregate.parse(" Last ", "P1D", problems));
        assertEquals(new Aggregate(Aggregate.Function.COUNT, Duration.ofSeconds(90)),
                Aggregate.parse("count", "PT1M30S", problems));
        assertEquals(List.of(), problems);

        assertNull(Aggregate.parse("avg", null, problems));
        assertNull(Aggregate.parse(null, "PT1M", problems));
        assertNull(Aggregate.parse("mode", "PT0.001S", problems));
        assertEquals(List.of("interval is required with aggregation", "aggregation is required with interval",
                "aggregation must be one of avg, min, max, sum, count, first, last",
                "interval must be an ISO-8601 duration of whole seconds from PT1S to P1D, such as PT1M"), problems);
    }

    @Test
    void decimalsAreWrittenWithoutTrailingZerosAndPlainUpTo21Digits() {
        assertEquals("6.8", SampleStore.decimal(new BigDecimal("6.80")));
        assertEquals("100", SampleStore.decimal(new BigDecimal("1E+2")));
        assertEquals("0", SampleStore.decimal(new BigDecimal("0E-400")));
        assertEquals("123456789012345678901", SampleStore.decimal(new BigDecimal("123456789012345678901")));
        assertEquals("1234567890123456789012", SampleStore.decimal(new BigDecimal("1234567890123456789012")));
        assertEquals("1.234567890123456789012E+24", SampleStore.decimal(new BigDecimal("1234567890123456789012000")));
        assertEquals("1E-30", SampleStore.decimal(new BigDecimal("0.000000000000000000000000000001")));
    }
}
