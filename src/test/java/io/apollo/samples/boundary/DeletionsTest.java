package io.apollo.samples.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionsTest {

    @Test
    void chunksUntilOneIsShortAndAddsThemUp() {
        List<Integer> asked = new ArrayList<>();
        int[] remaining = {12_345};
        long deleted = Deletions.inChunks(max -> {
            asked.add(max);
            int chunk = Math.min(max, remaining[0]);
            remaining[0] -= chunk;
            return chunk;
        }, 5000);

        assertEquals(12_345, deleted);
        assertEquals(List.of(5000, 5000, 5000), asked);
    }

    @Test
    void anExactMultipleTakesOneEmptyChunkToKnowItIsDone() {
        int[] remaining = {10_000};
        List<Integer> chunks = new ArrayList<>();
        Deletions.inChunks(max -> {
            int chunk = Math.min(max, remaining[0]);
            remaining[0] -= chunk;
            chunks.add(chunk);
            return chunk;
        }, 5000);

        assertEquals(List.of(5000, 5000, 0), chunks);
    }
}
