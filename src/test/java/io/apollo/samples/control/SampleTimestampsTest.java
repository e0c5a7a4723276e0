package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampleTimestampsTest {

    @Test
    void offsetIsNormalisedToUtc() {
        assertEquals(OffsetDateTime.of(2018, 1, 26, 22, 0, 0, 0, ZoneOffset.UTC),
                SampleTimestamps.parse("2018-01-27T00:00:00+02:00"));
    }

    @ParameterizedTest
    @CsvSource({
            "2018-01-27T00:00:00Z,          2018-01-27T00:00Z",
            "2018-01-27T00:00:00+00:00,     2018-01-27T00:00Z",
            "2018-01-27T00:00:00.5Z,        2018-01-27T00:00:00.500Z",
            "2018-01-27T00:00:00.123456Z,   2018-01-27T00:00:00.123456Z",
            "2018-01-27T05:30:00.000001+05:30, 2018-01-27T00:00:00.000001Z",
            "2018-01-27T00:00Z,             2018-01-27T00:00Z"})
    void acceptsOffsetDateTimesUpToMicroseconds(String text, String utc) {
        assertEquals(OffsetDateTime.parse(utc), SampleTimestamps.parse(text));
        assertEquals(ZoneOffset.UTC, SampleTimestamps.parse(text).getOffset());
    }

    @Test
    void sevenFractionalDigitsAreRejectedNotRounded() {
        var rejected = assertThrows(IllegalArgumentException.class,
                () -> SampleTimestamps.parse("2018-01-27T00:00:00.1234567Z"));
        assertTrue(rejected.getMessage().contains("microseconds"), rejected.getMessage());
    }

    @Test
    void trailingZeroPastMicrosecondsIsStillRejected() {
        assertThrows(IllegalArgumentException.class, () -> SampleTimestamps.parse("2018-01-27T00:00:00.1234560Z"));
    }

    @Test
    void missingOffsetIsNamedAsSuch() {
        var rejected = assertThrows(IllegalArgumentException.class,
                () -> SampleTimestamps.parse("2018-01-27T00:00:00"));
        assertTrue(rejected.getMessage().startsWith("must include an offset"), rejected.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2018-01-27", "2018-01-27 00:00:00Z", "2018-02-30T00:00:00Z",
            "2018-01-27T24:00:00Z", "2018-01-27T00:00:00+0000", "1517011200", "2018-01-27T00:00:00+19:00", "2018-01-27T00:00:00z",
            "2018-01-27T00:00:00+01", "2018-01-27T00:00:00+01:00:30", "2018-01-27T00:00:00.Z", "+10000-01-01T00:00:00Z",
            "２０１８-01-27T00:00:00Z", " 2018-01-27T00:00:00Z"})
    void rejectsWhatIsNotAnIsoOffsetDateTime(String text) {
        var rejected = assertThrows(IllegalArgumentException.class, () -> SampleTimestamps.parse(text));
        assertTrue(rejected.getMessage().startsWith("must"), rejected.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-12-31T23:59:59Z", "9999-12-31T23:59:59-00:01", "0001-01-01T00:30:00+01:00"})
    void rejectsYearsOutsideOneToNineThousandNineHundredNinetyNineInUtc(String text) {
        var rejected = assertThrows(IllegalArgumentException.class, () -> SampleTimestamps.parse(text));
        assertTrue(rejected.getMessage().contains("years"), rejected.getMessage());
    }

    @Test
    void acceptsTheEdgesOfTheYearRange() {
        assertEquals(1, SampleTimestamps.parse("0001-01-01T00:00:00Z").getYear());
        assertEquals(9999, SampleTimestamps.parse("9999-12-31T23:59:59.999999Z").getYear());
    }
}
