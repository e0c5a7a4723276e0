package io.apollo.samples.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * The steps of a large delete, each a transaction of its own and each bounded: no lock or
 * transaction is held for longer than one chunk takes, so a delete of millions of samples never
 * stalls the ingest of other devices, and a delete cut short (a crash, a timeout) leaves only
 * whole chunks deleted: a repeat finishes it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SampleDeletions {

    @Inject
    Devices devices;

    @Inject
    SampleStore store;

    /** @throws DeviceNotFound or DeviceAccessDenied unless the caller may reach the device */
    public void checkAccess(String deviceId, Set<String> callerCollections, String requestedCollection) {
        devices.readable(deviceId, callerCollections, requestedCollection);
    }

    /** @return how many samples of the filter it deleted, at most {@code max} */
    public int deleteChunk(SampleQuery filter, int max) {
        return store.delete(filter, max);
    }

    /**
     * Deletes the device's last samples and then the device, under the device's lock: a batch
     * posted meanwhile either committed before (its samples are deleted here, or in the next
     * chunk) or waits and then registers the device anew. Samples never outlive their device.
     *
     * @return how many samples it deleted; {@code max} when more remain and the device is still there
     */
    public int deleteLastChunkAndDevice(String deviceId, int max) {
        if (store.lockDevice(deviceId).isEmpty()) {
            return 0;
        }
        int deleted = store.delete(SampleQuery.all(deviceId), max);
        if (deleted < max) {
            store.deleteDevice(deviceId);
        }
        return deleted;
    }

    /** Up to {@code max} device ids after {@code after} (null: from the first), in order. */
    public List<String> deviceIds(String after, int max) {
        return store.deviceIds(after, max);
    }
}
