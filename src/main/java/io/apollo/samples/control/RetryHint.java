package io.apollo.samples.control;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The {@code Retry-After} of a refusal, so that refused clients come back about as fast as places
 * free up, not all at once every second. Counted in windows of {@value #WINDOW_SECONDS} s: when
 * more requests were refused than places taken, the hint grows by that ratio (at most twofold a
 * window, at most {@value #MAX_SECONDS} s); when at most half as many, it halves (down to
 * {@value #MIN_SECONDS} s; a window without refusals counts as such). A change holds from the
 * next window on. A refused client that waits this long finds the others spread over the same
 * time: with 256 clients retrying every second, a server that took about 10 batches a second
 * likely spent much of its 2 cores on some 200 refused requests a second (docs/performance.md,
 * Past saturation). Refusals of requests without a token do not count ({@link #current}): they
 * would let anyone lengthen every client's wait.
 */
final class RetryHint {

    static final long MIN_SECONDS = 1;
    static final long MAX_SECONDS = 60;
    static final long WINDOW_SECONDS = 2;
    private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

    private final LongSupplier nanoClock;
    private long windowStart;
    private long refused;
    private long taken;
    private long seconds = MIN_SECONDS;

    RetryHint(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    synchronized void taken() {
        roll();
        taken++;
    }

    /** How long a client is asked to wait now, without counting its refusal. */
    synchronized Duration current() {
        roll();
        return Duration.ofSeconds(seconds);
    }

    /** Counts a refusal; how long its client is asked to wait. */
    synchronized Duration refused() {
        roll();
        refused++;
        return Duration.ofSeconds(seconds);
    }

    /** Closes the windows that have ended: the last one with its counts, any after it empty. */
    private void roll() {
        long now = nanoClock.getAsLong();
        if (now - windowStart < 0) {
            windowStart = now;
            return;
        }
        long windows = (now - windowStart) / WINDOW_NANOS;
        for (long window = 0; window < windows && (window == 0 || seconds > MIN_SECONDS); window++) {
            if (refused > taken) {
                long needed = (long) Math.ceil((double) seconds * refused / Math.max(taken, 1));
                seconds = Math.min(MAX_SECONDS, Math.min(seconds * 2, needed));
            } else if (refused * 2 <= taken) {
                seconds = Math.max(MIN_SECONDS, seconds / 2);
            }
            refused = 0;
            taken = 0;
        }
        windowStart += windows * WINDOW_NANOS;
    }
}
