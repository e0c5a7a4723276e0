package io.apollo.samples.boundary;

import io.apollo.envelope.control.Rejection;
import java.time.Duration;

/** A body still arriving when its time is up, or that stopped arriving. */
public class BodyTooSlow extends Rejection {

    public BodyTooSlow(Duration limit) {
        this("Request body not received within " + limit.toSeconds() + " seconds");
    }

    private BodyTooSlow(String message) {
        super(Kind.TIMEOUT, message);
    }

    /** A body that stopped arriving until the server's read timeout gave up on it (Payara: 10 s). */
    static BodyTooSlow stalled() {
        return new BodyTooSlow("Request body stopped arriving before it was complete");
    }
}
