package io.apollo.samples.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetentionJobTest {

    @Test
    void theIntervalIsAnIsoDurationOfAtLeastASecond() {
        assertEquals(3_600_000, RetentionJob.every("PT1H"));
        assertEquals(1000, RetentionJob.every(" PT1S "));
        for (String bad : new String[] {"PT0S", "PT0.5S", "-PT1H", "1h", ""}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RetentionJob.every(bad), bad);
            assertTrue(refused.getMessage().startsWith("apollo.retention.interval must be"), refused.getMessage());
        }
    }
}
