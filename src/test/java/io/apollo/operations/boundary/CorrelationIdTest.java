package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"764ff302-7ba1-42dc-bd4e-e1e883e9a76b", "a", "job:42.run_7", "Z"})
    void safeIdsAreKept(String id) {
        assertEquals(id, CorrelationId.acceptOrGenerate(id));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "new\nline", "<script>", "ünïcode", "semi;colon"})
    void unsafeOrMissingIdsAreReplacedByAUuid(String id) {
        String generated = CorrelationId.acceptOrGenerate(id);
        assertNotEquals(id, generated);
        assertEquals(generated, UUID.fromString(generated).toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void lengthIsCappedAt128(int length) {
        String id = "x".repeat(length);
        assertEquals(length <= 128, id.equals(CorrelationId.acceptOrGenerate(id)));
    }
}
