package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;
import java.time.Duration;
import java.util.Optional;

/** More requests of a kind being served than the server takes at once: try again after a while. */
public class ServerTooBusy extends Rejection {

    private static final String MESSAGE = "Server too busy";

    private final Duration retryAfter;

    public ServerTooBusy(Duration retryAfter) {
        super(Kind.TOO_BUSY, MESSAGE);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
