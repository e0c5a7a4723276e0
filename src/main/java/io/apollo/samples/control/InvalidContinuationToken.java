package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

/** A token this service did not issue for this query: garbage, tampered or from another query. */
public class InvalidContinuationToken extends Rejection {

    public InvalidContinuationToken() {
        super(Kind.INVALID, "Invalid continuation token");
    }
}
