package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static RetentionPeriod configured(String maxAge) {
        RetentionPeriod period = new RetentionPeriod();
        period.configured = Optional.ofNullable(maxAge);
        period.read();
        return period;
    }

    @Test
    void unsetOrBlankKeepsForEver() {
        assertTrue(configured(null).at(NOW).isEmpty());
        assertTrue(configured(" ").at(NOW).isEmpty());
    }

    @Test
    void daysHoursAndSecondsCountBackFromNow() {
        assertEquals(new RetentionPeriod.Window("P90D", OffsetDateTime.parse("2026-09-02T12:00:00Z")),
                configured("P90D").at(NOW).orElseThrow());
        assertEquals(OffsetDateTime.parse("2026-12-01T11:59:30Z"), configured(" PT30S ").at(NOW).orElseThrow().oldestKept());
    }

    @Test
    void aPeriodReachingBeforeYearOneKeepsEverything() {
        assertTrue(configured("P800000D").at(NOW).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"90 days", "P1M", "P1Y", "PT0S", "-P1D", "P"})
    void anythingButAPositiveDurationIsRefusedAtStart(String maxAge) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> configured(maxAge));
        assertTrue(refused.getMessage().startsWith(RetentionPeriod.MAX_AGE + " must be"), refused.getMessage());
    }

    @Test
    void aSampleBeforeTheWindowIsRefusedNamingItsTimestampAndTheBatchWithIt() {
        RetentionPeriod.Window window = configured("P1D").at(NOW).orElseThrow();
        assertNull(window.refusal(OffsetDateTime.parse("2026-11-30T12:00:00Z")), "the oldest kept instant is kept");

        InvalidSamples refused = assertThrows(InvalidSamples.class, () -> SampleValidation.validate(List.of(
                new SampleInput(RawValue.string("t"), RawValue.number("1"), RawValue.string("2026-11-30T11:59:59Z"),
                        RawValue.string("Raw"), null),
                new SampleInput(RawValue.string("t"), RawValue.number("2"), RawValue.string("2026-12-01T11:00:00Z"),
                        RawValue.string("Raw"), null)), Optional.of(window)));
        assertEquals(List.of(new Violation(0, "timestamp", "is older than the retention period (P1D): samples before"
                + " 2026-11-30T12:00:00Z are not kept")), refused.data().errors());
    }
}
