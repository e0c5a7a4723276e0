package io.apollo.compression.boundary;

import io.apollo.envelope.control.Rejection;

/** A body said to be gzip that is not. */
public class InvalidGzip extends Rejection {

    public InvalidGzip(String problem) {
        super(Kind.INVALID, "Body is not valid gzip: " + problem);
    }
}
