package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;
import java.time.Duration;
import java.util.Optional;

/** More requests of a kind being served than the server takes at once: try again after a while. */
public class ServerTooBusy extends Rejection {

    /** Long enough for a batch or a read in flight to end, short enough not to idle a free server. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public ServerTooBusy() {
        super(Kind.TOO_BUSY, "Server too busy");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}
