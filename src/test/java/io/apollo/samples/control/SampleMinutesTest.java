package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleMinutesTest {

    private static final OffsetDateTime MINUTE = OffsetDateTime.parse("2020-01-01T00:00:00Z");

    @Test
    void newMinutesHoldWhatAGroupingOfTheSamplesGives() {
        SampleMinutes.NewMinutes minutes = new SampleMinutes.NewMinutes();
        minutes.add(7, new ValidSample("a", "Raw", MINUTE.plusSeconds(30), "0.1", true));
        minutes.add(7, new ValidSample("a", "Raw", MINUTE.plusSeconds(5), "on", false));
        minutes.add(7, new ValidSample("a", "Raw", MINUTE.plusSeconds(59).plusNanos(999_999_000), "0.2", true));
        minutes.add(7, new ValidSample("a", "Raw", MINUTE.plusSeconds(10), "-1e1", true));
        minutes.add(8, new ValidSample("b", "Raw", MINUTE.plusSeconds(1), "3", true));
        minutes.add(7, new ValidSample("a", "Raw", MINUTE.plusSeconds(60), "off", false));

        List<SampleMinutes.Minute> rows = minutes.minutes();

        assertEquals(3, rows.size());
        SampleMinutes.Minute first = rows.get(0);
        assertEquals(7, first.seriesKey);
        assertEquals(SampleMinutes.minuteOf(MINUTE), first.minute);
        assertEquals(4, first.count);
        assertEquals(3, first.numbers);
        assertEquals(0, new BigDecimal("-9.7").compareTo(first.sum), "exact: 0.1 + 0.2 - 10, no float drift");
        assertEquals(new BigDecimal("-1e1"), first.min);
        assertEquals(new BigDecimal("0.2"), first.max);
        assertEquals(MINUTE.plusSeconds(5), first.first);
        assertEquals(MINUTE.plusSeconds(59).plusNanos(999_999_000), first.last);
        assertEquals(8, rows.get(1).seriesKey);
        SampleMinutes.Minute strings = rows.get(2);
        assertEquals(SampleMinutes.minuteOf(MINUTE) + 1, strings.minute);
        assertEquals(1, strings.count);
        assertEquals(0, strings.numbers);
        assertNull(strings.sum);
        assertNull(strings.min);
        assertNull(strings.max);
    }

    @Test
    void aMinuteBeforeTheEpochIsTheFloor() {
        SampleMinutes.NewMinutes minutes = new SampleMinutes.NewMinutes();
        minutes.add(1, new ValidSample("a", "Raw", OffsetDateTime.parse("1969-12-31T23:59:59.5Z"), "1", true));

        assertEquals(-1, minutes.minutes().get(0).minute);
    }
}
