package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleStoreTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2020-01-01T00:00:00Z");

    @Test
    void lastOccurrenceOfAKeyWinsAndFirstPositionIsKept() {
        ValidSample a1 = new ValidSample("a", "Raw", T0, "1", true);
        ValidSample b = new ValidSample("b", "Raw", T0, "2", true);
        ValidSample a2 = new ValidSample("a", "Raw", T0, "3", false);
        ValidSample otherMetric = new ValidSample("a", "Avg", T0, "4", true);
        ValidSample otherTime = new ValidSample("a", "Raw", T0.plusNanos(1000), "5", true);

        assertEquals(List.of(a2, b, otherMetric, otherTime),
                List.copyOf(SampleStore.lastOccurrences(List.of(a1, b, a2, otherMetric, otherTime))));
    }
}
