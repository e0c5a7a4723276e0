package io.apollo.samples.boundary;

import io.apollo.envelope.control.Rejection;
import java.time.Duration;

/** A body still arriving when its time is up. */
public class BodyTooSlow extends Rejection {

    public BodyTooSlow(Duration limit) {
        super(Kind.TIMEOUT, "Request body not received within " + limit.toSeconds() + " seconds");
    }
}
