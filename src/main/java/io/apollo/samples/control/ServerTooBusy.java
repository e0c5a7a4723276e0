package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;
import java.time.Duration;
import java.util.Optional;

/** More requests of a kind being served than the server takes at once: try again after a while. */
public class ServerTooBusy extends Rejection {

    private final Duration retryAfter;

    /** @param retryAfter how long the client is asked to wait (RetryHint) */
    public ServerTooBusy(Duration retryAfter) {
        super(Kind.TOO_BUSY, "Server too busy");
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
