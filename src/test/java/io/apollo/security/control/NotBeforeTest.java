package io.apollo.security.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotBeforeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(60);

    @Test
    void aTokenValidFromLaterThanTheSkewIsNotYetValid() {
        assertTrue(NotBefore.notYetValid(NOW.plusSeconds(61).getEpochSecond(), NOW, SKEW));
        assertTrue(NotBefore.notYetValid(Json.createValue(NOW.plusSeconds(600).getEpochSecond()), NOW, SKEW));
    }

    @Test
    void aTokenValidFromWithinTheSkewOrThePastIsValid() {
        assertFalse(NotBefore.notYetValid(NOW.plusSeconds(60).getEpochSecond(), NOW, SKEW));
        assertFalse(NotBefore.notYetValid(NOW.minusSeconds(600).getEpochSecond(), NOW, SKEW));
    }

    @Test
    void aTokenWithoutNbfIsValid() {
        assertFalse(NotBefore.notYetValid(null, NOW, SKEW));
    }

    @Test
    void anNbfBeyondAnyInstantOrNotANumberIsRefused() {
        assertTrue(NotBefore.notYetValid(Json.createValue(new BigDecimal("1e30")), NOW, SKEW));
        assertTrue(NotBefore.notYetValid(Json.createValue(Long.MAX_VALUE), NOW, SKEW));
        assertTrue(NotBefore.notYetValid("yesterday", NOW, SKEW));
        assertTrue(NotBefore.notYetValid(Json.createValue("1700000000"), NOW, SKEW));
    }

    @Test
    void aFractionalNbfIsRead() {
        assertFalse(NotBefore.notYetValid(Json.createValue(new BigDecimal(NOW.getEpochSecond() + ".5")), NOW, SKEW));
    }
}
