package io.apollo.samples.boundary;

import io.apollo.envelope.control.Rejection;

/** A body declared in a charset other than UTF-8, the only one JSON between systems uses. */
public class UnsupportedCharset extends Rejection {

    public UnsupportedCharset(String charset) {
        super(Kind.UNSUPPORTED_MEDIA_TYPE, "Unsupported charset " + charset + ": send UTF-8");
    }
}
