package io.apollo.samples.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a large delete, each a transaction of its own and each bounded: no lock or
 * transaction is held for longer than one chunk takes, so a delete of millions of samples never
 * stalls ingest for long, and a delete cut short (a crash, a timeout) leaves only whole chunks
 * deleted: a repeat finishes it. Each chunk locks the device and its series, so that no batch
 * writes them meanwhile (SampleStore#lockForDeleting), and a client's delete stops when the device
 * is no longer the one whose access it checked: deleted, or deleted and registered anew in another
 * collection while the delete ran.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SampleDeletions {

    @Inject
    Devices devices;

    @Inject
    SampleStore store;

    /**
     * @return the device's collection, which every chunk of the caller's delete checks again
     * @throws DeviceNotFound or DeviceAccessDenied unless the caller may reach the device
     */
    public String checkAccess(String deviceId, Set<String> callerCollections, String requestedCollection) {
        return devices.readable(deviceId, callerCollections, requestedCollection).collectionId();
    }

    /**
     * @return how many samples of the filter it deleted, at most {@code max}; 0 when the device
     *     is gone or no longer in {@code collection}
     */
    public int deleteChunk(SampleQuery filter, String collection, int max) {
        return store.lockForDeleting(filter.deviceId()).filter(device -> device.collectionId().equals(collection))
                .map(device -> store.delete(device, filter, max)).orElse(0);
    }

    /** A chunk of the retention purge, whatever the device's collection. */
    public int purgeChunk(SampleQuery filter, int max) {
        return store.lockForDeleting(filter.deviceId()).map(device -> store.delete(device, filter, max)).orElse(0);
    }

    /**
     * Deletes the device's last samples and then the device, under the locks of the device and its
     * series: a batch posted meanwhile either committed before (its samples are deleted here, or in
     * the next chunk) or waits and then registers the device anew. Samples never outlive their device.
     *
     * @return how many samples it deleted; {@code max} when more remain and the device is still
     *     there; 0 when the device is gone or no longer in {@code collection}
     */
    public int deleteLastChunkAndDevice(String deviceId, String collection, int max) {
        Optional<StoredDevice> device = store.lockForDeleting(deviceId)
                .filter(locked -> locked.collectionId().equals(collection));
        if (device.isEmpty()) {
            return 0;
        }
        int deleted = store.delete(device.get(), SampleQuery.all(deviceId), max);
        if (deleted < max) {
            store.deleteDevice(device.get());
        }
        return deleted;
    }

    /** Up to {@code max} device ids after {@code after} (null: from the first), in order. */
    public List<String> deviceIds(String after, int max) {
        return store.deviceIds(after, max);
    }
}
