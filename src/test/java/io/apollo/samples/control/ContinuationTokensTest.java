package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContinuationTokensTest {

    private static final SampleQuery QUERY = SampleQuery.of("d", List.of("a"), null, null, null, null, "10", "true", null, null);
    private static final Cursor CURSOR = new Cursor(OffsetDateTime.parse("2020-01-01T00:00:00.000001Z"), "a", "Raw");

    private final ContinuationTokens tokens = new ContinuationTokens();

    /** The key store, in memory: one key, created on first use. */
    static final class KeysInMemory extends TokenKeys {

        private byte[] key;

        @Override
        public byte[] forPurpose(String purpose) {
            if (key == null) {
                key = new byte[32];
                key[0] = 42;
            }
            return key;
        }
    }

    @BeforeEach
    void keys() {
        tokens.keys = new KeysInMemory();
    }

    @Test
    void aTokenOpensToItsCursorForItsQuery() {
        assertEquals(CURSOR, tokens.open(QUERY.fingerprint(), tokens.issue(QUERY.fingerprint(), CURSOR)));
    }

    @Test
    void anyTextSurvivesTheRoundTrip() {
        Cursor awkward = new Cursor(OffsetDateTime.parse("1970-01-01T00:00:00Z"), "line\nbreak.dot ü", "m\n.");
        assertEquals(awkward, tokens.open(QUERY.fingerprint(), tokens.issue(QUERY.fingerprint(), awkward)));
    }

    @Test
    void theSameQueryWithAnotherPageSizeContinues() {
        SampleQuery biggerPages = SampleQuery.of("d", List.of("a"), null, null, null, null, "1000", "true", null, null);
        assertEquals(CURSOR, tokens.open(biggerPages.fingerprint(), tokens.issue(QUERY.fingerprint(), CURSOR)));
    }

    @Test
    void anotherQueryIsRefused() {
        String token = tokens.issue(QUERY.fingerprint(), CURSOR);
        SampleQuery other = SampleQuery.of("d", List.of("a"), "Raw", null, null, null, "10", "true", null, null);
        assertThrows(InvalidContinuationToken.class, () -> tokens.open(other.fingerprint(), token));
    }

    @Test
    void tamperedAndGarbageTokensAreRefused() {
        String token = tokens.issue(QUERY.fingerprint(), CURSOR);
        String[] parts = token.split("\\.");
        String otherCursor = tokens.issue(QUERY.fingerprint(), new Cursor(CURSOR.timestamp().plusDays(1), "a", "Raw")).split("\\.")[0];
        assertNotEquals(parts[0], otherCursor);

        for (String bad : List.of(otherCursor + "." + parts[1], parts[0] + "." + parts[1].substring(1), "", ".",
                "garbage", "a.b.c", parts[0], token + "=", "%%%." + parts[1])) {
            assertThrows(InvalidContinuationToken.class, () -> tokens.open(QUERY.fingerprint(), bad), bad);
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String token = tokens.issue(QUERY.fingerprint(), CURSOR);
        ContinuationTokens otherService = new ContinuationTokens();
        KeysInMemory otherKeys = new KeysInMemory();
        otherKeys.forPurpose(ContinuationTokens.PURPOSE)[0] = 7;
        otherService.keys = otherKeys;

        assertThrows(InvalidContinuationToken.class, () -> otherService.open(QUERY.fingerprint(), token));
    }
}
