package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

    /**
     * Writes several batches in one new transaction, a shared commit ({@link SharedCommits}), each
     * as if it were alone: its own access check, and a later batch's value of a key winning over an
     * earlier one's. The devices are taken in the order of their ids and each one's locks as a
     * delete takes them (the device's, then the series it already has, in key order; new series
     * are registered under the device's lock afterwards), so that this transaction and any other,
     * on any instance, may wait for one another but never in a cycle. A batch refused for its
     * caller writes nothing and does not stop the others; any other failure rolls the whole
     * transaction back.
     *
     * @return each batch's refusal, in the order given; null for a batch written
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Rejection> writeTogether(List<BatchWrite> group) {
        Rejection[] refused = new Rejection[group.size()];
        Map<String, List<Integer>> byDevice = new TreeMap<>();
        for (int i = 0; i < group.size(); i++) {
            byDevice.computeIfAbsent(group.get(i).deviceId(), id -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> device : byDevice.entrySet()) {
            StoredDevice locked = null;
            List<BatchWrite> writable = new ArrayList<>();
            for (int i : device.getValue()) {
                BatchWrite batch = group.get(i);
                try {
                    if (locked == null) {
                        locked = devices.lockForWriting(device.getKey(), batch.callerCollections(),
                                batch.requestedCollection());
                    } else {
                        DeviceAccess.check(batch.callerCollections(), batch.requestedCollection(), locked.collectionId());
                    }
                    writable.add(batch);
                } catch (Rejection refusal) {
                    refused[i] = refusal;
                }
            }
            if (locked != null) {
                store.lockSeriesOf(locked, writable.stream().flatMap(batch -> batch.samples().stream()).toList());
                for (BatchWrite batch : writable) {
                    store.upsert(locked, batch.samples(), batch.ingestedAt(), true);
                }
            }
        }
        return Arrays.asList(refused);
    }
}
