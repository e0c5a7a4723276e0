package io.apollo.samples.boundary;

import io.apollo.samples.control.DeviceAccess;
import io.apollo.samples.control.DeviceRegistration;
import io.apollo.samples.control.SampleInput;
import io.apollo.samples.control.SampleStore;
import io.apollo.samples.control.SampleValidation;
import io.apollo.samples.control.ValidSample;
import io.apollo.samples.entity.Device;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * One POST, one transaction: validation, access, then the device (on its first batch) and the
 * samples. Anything that fails before the commit stores nothing of the batch. The device row
 * is locked for the transaction, so concurrent batches of one device (a client retrying while
 * its first attempt is still running) are written one after the other instead of both
 * inserting the same new key.
 */
@Stateless
public class SampleIngestion {

    @PersistenceContext
    EntityManager em;

    @EJB
    DeviceRegistration registration;

    @Inject
    SampleStore store;

    public void ingest(String deviceId, Set<String> callerCollections, String requestedCollection,
            List<SampleInput> batch) {
        List<ValidSample> samples = SampleValidation.validate(batch);
        Device device = lockedDevice(deviceId);
        String collection = device == null
                ? DeviceAccess.collectionForNewDevice(callerCollections, requestedCollection)
                : device.collectionId();
        DeviceAccess.check(callerCollections, requestedCollection, collection);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (device == null) {
            registration.register(deviceId, collection);
            device = lockedDevice(deviceId);
            if (device == null) {
                throw new IllegalStateException("Device " + deviceId + " could neither be registered nor found");
            }
            // A racing first POST may have registered it first, in another collection.
            DeviceAccess.check(callerCollections, requestedCollection, device.collectionId());
        }
        store.upsert(deviceId, samples, now);
    }

    private Device lockedDevice(String deviceId) {
        return em.find(Device.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
    }
}
