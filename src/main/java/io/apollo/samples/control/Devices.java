package io.apollo.samples.control;

import io.apollo.persistence.control.UniqueInserts;
import io.apollo.samples.entity.Device;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A device as a request reaches it: found and checked against the caller's collections
 * ({@link DeviceAccess}) for a read, locked and, on its first batch, registered for a write.
 */
@Dependent
public class Devices {

    @PersistenceContext
    EntityManager em;

    @Inject
    SampleStore store;

    @Inject
    UniqueInserts inserts;

    /**
     * The device, when the caller may read it.
     *
     * @throws DeviceNotFound when there is no such device
     * @throws DeviceAccessDenied when the caller may not reach it
     */
    public Device readable(String deviceId, Set<String> callerCollections, String requestedCollection) {
        Device device = em.find(Device.class, deviceId);
        if (device == null) {
            throw new DeviceNotFound();
        }
        DeviceAccess.check(callerCollections, requestedCollection, device.collectionId());
        return device;
    }

    /**
     * Locks the device for the caller's transaction when the caller may write to it, registering
     * it first on its first batch, in the same transaction (the device exists once its first batch
     * does). When two first batches race, the loser waits for the winner's transaction, then locks
     * the winner's device and goes on, or is refused when the winner put it in a collection the
     * loser may not reach ({@link UniqueInserts}).
     */
    public StoredDevice lockForWriting(String deviceId, Set<String> callerCollections, String requestedCollection) {
        Optional<StoredDevice> existing = store.lockDevice(deviceId);
        if (existing.isPresent()) {
            DeviceAccess.check(callerCollections, requestedCollection, existing.get().collectionId());
            return existing.get();
        }
        inserts.insertUnlessPresent("devices", List.of("device_id", "collection_id"),
                List.of(deviceId, DeviceAccess.collectionForNewDevice(callerCollections, requestedCollection)));
        StoredDevice registered = store.lockDevice(deviceId).orElseThrow(() -> new IllegalStateException(
                "Device " + deviceId + " could neither be registered nor found"));
        DeviceAccess.check(callerCollections, requestedCollection, registered.collectionId());
        return registered;
    }
}
