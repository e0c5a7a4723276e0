package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

/** A collection id a new device cannot join: longer than the devices table keeps. */
public class InvalidCollection extends Rejection {

    public InvalidCollection(String problem) {
        super(Kind.INVALID, problem);
    }
}
