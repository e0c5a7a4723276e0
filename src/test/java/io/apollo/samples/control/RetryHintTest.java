package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryHintTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RetryHint hint = new RetryHint(now::get);

    /**
     * A window of {@code refused} refusals and {@code taken} places taken; the hint the next
     * refusal gets (that refusal counts in the next window: one more than the next call names).
     */
    private long window(int refused, int taken) {
        for (int i = 0; i < taken; i++) {
            hint.taken();
        }
        for (int i = 0; i < refused; i++) {
            hint.refused();
        }
        now.addAndGet(RetryHint.WINDOW_SECONDS * 1_000_000_000L);
        return hint.refused().toSeconds();
    }

    @Test
    void aSecondUntilRefusalsOutnumberThePlacesTaken() {
        assertEquals(Duration.ofSeconds(1), hint.refused());
        assertEquals(1, window(9, 20));
        assertEquals(1, window(19, 20));
    }

    @Test
    void manyMoreRefusalsLengthenItAtMostTwofoldAWindowUpToAMinute() {
        assertEquals(2, window(500, 20));
        assertEquals(4, window(249, 20));
        assertEquals(8, window(124, 20));
        assertEquals(12, window(29, 20), "by the ratio when that is less than twofold");
        for (int i = 0; i < 5; i++) {
            window(1_000, 0);
        }
        assertEquals(60, window(1_000, 0));
    }

    @Test
    void fewRefusalsOrNoneShortenItByHalfAWindow() {
        window(500, 20);
        assertEquals(4, window(249, 20));
        assertEquals(4, window(14, 20), "between half and as many: kept");
        assertEquals(2, window(9, 20));
        now.addAndGet(10 * RetryHint.WINDOW_SECONDS * 1_000_000_000L);
        assertEquals(1, hint.refused().toSeconds(), "idle windows count as windows without refusals");
    }

    @Test
    void aHintGivenWithoutCountingARefusalLeavesItAsItIs() {
        for (int i = 0; i < 100; i++) {
            assertEquals(Duration.ofSeconds(1), hint.current());
        }
        assertEquals(1, window(0, 20), "100 uncounted refusals against 20 places taken");
    }

    @Test
    void aClockThatGoesBackStartsAWindowAnew() {
        assertEquals(2, window(500, 20));
        now.addAndGet(-60_000_000_000L);
        assertEquals(Duration.ofSeconds(2), hint.refused());
        now.addAndGet(RetryHint.WINDOW_SECONDS * 1_000_000_000L);
        assertEquals(Duration.ofSeconds(4), hint.refused(), "the 2 refusals of the new window, none taken");
    }
}
