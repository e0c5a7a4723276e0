package io.apollo.compression.boundary;

import io.apollo.envelope.control.Rejection;

/** A body compressed other than with gzip. */
public class UnsupportedContentEncoding extends Rejection {

    public UnsupportedContentEncoding() {
        super(Kind.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Encoding: only gzip is accepted");
    }
}
