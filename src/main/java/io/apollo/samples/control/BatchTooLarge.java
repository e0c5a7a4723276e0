package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

/** More samples or more bytes than one request may carry. */
public class BatchTooLarge extends Rejection {

    public BatchTooLarge(String problem) {
        super(Kind.TOO_LARGE, problem);
    }
}
