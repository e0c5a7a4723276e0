package io.apollo.samples.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A valid batch written in one transaction, the device's and the caller's access to it first. A
 * batch of series its device has had locks those series only, so that batches of one device that
 * write different series are written side by side (a gateway posting from several connections);
 * batches of the same series are written one after the other, the later one's values winning. The
 * first batch of a device, or of a series, takes the device's lock to register them, as a delete
 * does to exclude every batch. Anything that fails before the commit stores nothing of the batch.
 */
@Stateless
public class SampleWrites {

    @Inject
    Devices devices;

    @Inject
    SampleStore store;

    /**
     * Writes the batch under the locks of its series, or under the device's when the device or one
     * of its series is new.
     *
     * @throws SeriesChanged when a series was deleted meanwhile: {@link #writeUnderDeviceLock} writes it then
     */
    public void write(String deviceId, Set<String> callerCollections, String requestedCollection,
            List<ValidSample> samples, OffsetDateTime ingestedAt) {
        Optional<StoredDevice> device = store.device(deviceId);
        if (device.isPresent()) {
            DeviceAccess.check(callerCollections, requestedCollection, device.get().collectionId());
            if (store.upsert(device.get(), samples, ingestedAt, false)) {
                return;
            }
        }
        // Nothing locked so far: the device's lock can come first, as it does for a delete.
        writeUnderDeviceLock(deviceId, callerCollections, requestedCollection, samples, ingestedAt);
    }

    /** Writes the batch under the device's lock, registering the device and its new series. */
    public void writeUnderDeviceLock(String deviceId, Set<String> callerCollections, String requestedCollection,
            List<ValidSample> samples, OffsetDateTime ingestedAt) {
        StoredDevice device = devices.lockForWriting(deviceId, callerCollections, requestedCollection);
        store.upsert(device, samples, ingestedAt, true);
    }
}
