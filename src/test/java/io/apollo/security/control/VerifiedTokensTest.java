package io.apollo.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
    private static final CredentialValidationResult ALICE = new CredentialValidationResult("alice");
    private static final CredentialValidationResult BOB = new CredentialValidationResult("bob");

    private final VerifiedTokens tokens = new VerifiedTokens();

    @Test
    void aTokenIsKnownUntilItsTimeOnly() {
        tokens.remember("a.b.c", ALICE, NOW.plusSeconds(30), NOW);
        assertSame(ALICE, tokens.find("a.b.c", NOW).orElseThrow());
        assertSame(ALICE, tokens.find("a.b.c", NOW.plusSeconds(29)).orElseThrow());
        assertTrue(tokens.find("a.b.c", NOW.plusSeconds(30)).isEmpty());
    }

    @Test
    void onlyTheExactTextIsKnown() {
        tokens.remember("a.b.c", ALICE, NOW.plusSeconds(30), NOW);
        for (String other : new String[] {"a.b.C", "a.b.c ", " a.b.c", "a.b.", "a.b.cd", ""}) {
            assertTrue(tokens.find(other, NOW).isEmpty(), other);
        }
    }

    @Test
    void aTokenBackAfterItsTimeIsKeptAnew() {
        tokens.remember("a.b.c", ALICE, NOW.plusSeconds(30), NOW);
        tokens.remember("a.b.c", BOB, NOW.plusSeconds(90), NOW.plusSeconds(30));
        assertSame(BOB, tokens.find("a.b.c", NOW.plusSeconds(89)).orElseThrow());
    }

    @Test
    void aVeryLongTokenIsNotKept() {
        String token = "a".repeat(VerifiedTokens.LONGEST_TOKEN + 1);
        tokens.remember(token, ALICE, NOW.plusSeconds(30), NOW);
        assertTrue(tokens.find(token, NOW).isEmpty());
    }

    @Test
    void rememberingAgainNeitherProlongsNorReplaces() {
        tokens.remember("a.b.c", ALICE, NOW.plusSeconds(30), NOW);
        tokens.remember("a.b.c", BOB, NOW.plusSeconds(300), NOW.plusSeconds(10));
        assertSame(ALICE, tokens.find("a.b.c", NOW.plusSeconds(29)).orElseThrow());
        assertTrue(tokens.find("a.b.c", NOW.plusSeconds(30)).isEmpty());
    }

    @Test
    void aTokenAlreadyPastItsTimeIsNotKept() {
        tokens.remember("a.b.c", ALICE, NOW, NOW);
        assertTrue(tokens.find("a.b.c", NOW.minusSeconds(1)).isEmpty());
    }

    @Test
    void aFullCacheDropsItsExpiredTokensFirst() {
        tokens.remember("expiring", BOB, NOW.plusSeconds(1), NOW);
        for (int i = 1; i < VerifiedTokens.CAPACITY; i++) {
            tokens.remember("token-" + i, ALICE, NOW.plusSeconds(60), NOW);
        }
        Instant later = NOW.plusSeconds(2);
        tokens.remember("newcomer", BOB, NOW.plusSeconds(60), later);
        assertSame(BOB, tokens.find("newcomer", later).orElseThrow());
        assertSame(ALICE, tokens.find("token-1", later).orElseThrow());
        assertSame(ALICE, tokens.find("token-" + (VerifiedTokens.CAPACITY - 1), later).orElseThrow());
    }

    @Test
    void aCacheFullOfValidTokensStartsAfresh() {
        for (int i = 0; i < VerifiedTokens.CAPACITY; i++) {
            tokens.remember("token-" + i, ALICE, NOW.plusSeconds(60), NOW);
        }
        tokens.remember("newcomer", BOB, NOW.plusSeconds(60), NOW);
        assertSame(BOB, tokens.find("newcomer", NOW).orElseThrow());
        assertTrue(tokens.find("token-0", NOW).isEmpty());
    }

    @Test
    void keptUntilTheTokenExpiresAtMostAMinute() {
        long issued = NOW.minusSeconds(10).getEpochSecond();
        assertEquals(NOW.plusSeconds(50),
                VerifiedTokens.until(NOW.plusSeconds(50).getEpochSecond(), issued, Optional.empty(), NOW));
        assertEquals(NOW.plus(Duration.ofSeconds(60)),
                VerifiedTokens.until(NOW.plusSeconds(3600).getEpochSecond(), issued, Optional.empty(), NOW));
        assertEquals(NOW.plusSeconds(50), VerifiedTokens.until(Json.createValue(NOW.plusSeconds(50).getEpochSecond()),
                Json.createValue(issued), Optional.empty(), NOW));
        assertEquals(NOW.plusSeconds(50), VerifiedTokens.until(
                Json.createValue(new java.math.BigDecimal(NOW.plusSeconds(50).getEpochSecond() + ".7")),
                Json.createValue(issued), Optional.empty(), NOW), "a fraction of a second is dropped: never later");
    }

    @Test
    void anExpiryBeyondAnyClockIsNotKept() {
        long issued = NOW.getEpochSecond();
        assertEquals(NOW, VerifiedTokens.until(Long.MAX_VALUE, issued, Optional.empty(), NOW));
        assertEquals(NOW, VerifiedTokens.until(Json.createValue(new java.math.BigDecimal("1e30")), issued,
                Optional.empty(), NOW));
        assertEquals(NOW, VerifiedTokens.until(1e30, issued, Optional.empty(), NOW));
        assertEquals(NOW, VerifiedTokens.until(NOW.plusSeconds(50).getEpochSecond(), Long.MAX_VALUE,
                Optional.of(Long.MAX_VALUE), NOW));
    }

    @Test
    void keptNoLongerThanTheMaximumAgeAllows() {
        long issued = NOW.minusSeconds(10).getEpochSecond();
        assertEquals(NOW.plusSeconds(20),
                VerifiedTokens.until(NOW.plusSeconds(50).getEpochSecond(), issued, Optional.of(30L), NOW));
        assertEquals(NOW, VerifiedTokens.until(NOW.plusSeconds(50).getEpochSecond(), null, Optional.of(30L), NOW),
                "a maximum age without an issue time: not kept");
    }

    @Test
    void aTokenWithoutExpiryIsNotKept() {
        assertEquals(NOW, VerifiedTokens.until(null, NOW.getEpochSecond(), Optional.empty(), NOW));
        assertEquals(NOW, VerifiedTokens.until("soon", NOW.getEpochSecond(), Optional.empty(), NOW));
    }
}
