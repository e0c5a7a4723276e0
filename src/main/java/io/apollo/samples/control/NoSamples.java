package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

public class NoSamples extends Rejection {

    public NoSamples() {
        super(Kind.INVALID, "No samples provided");
    }
}
