package io.apollo.samples.control;

import jakarta.ejb.ApplicationException;

/**
 * A series a write read without the device's lock was deleted before the write could lock it. The
 * write's transaction may already hold locks of other series, and taking the device's lock after
 * them could deadlock with a delete (which takes the device's first): it is rolled back and the
 * batch written again under the device's lock (SharedCommits). Never reaches a client.
 */
@ApplicationException(rollback = true)
public class SeriesChanged extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SeriesChanged() {
        super("A series of the batch was deleted while the batch was being written", null, false, false);
    }
}
