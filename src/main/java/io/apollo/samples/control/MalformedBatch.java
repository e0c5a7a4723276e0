package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

/** A body that is not JSON, or not an array of sample objects. */
public class MalformedBatch extends Rejection {

    public MalformedBatch(String problem) {
        super(Kind.INVALID, problem);
    }
}
