package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;

/** A new device, and a caller in several collections who did not say which one it joins. */
public class CollectionRequired extends Rejection {

    public CollectionRequired() {
        super(Kind.INVALID, "erCollectionId header required");
    }
}
