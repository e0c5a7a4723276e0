package io.apollo.samples.boundary;

import io.apollo.samples.control.DeviceAccess;
import io.apollo.samples.control.DeviceLock;
import io.apollo.samples.control.DeviceRegistration;
import io.apollo.samples.control.SampleInput;
import io.apollo.samples.control.SampleStore;
import io.apollo.samples.control.SampleValidation;
import io.apollo.samples.control.ValidSample;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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

    @EJB
    DeviceRegistration registration;

    @Inject
    DeviceLock deviceLock;

    @Inject
    SampleStore store;

    public void ingest(String deviceId, Set<String> callerCollections, String requestedCollection,
            List<SampleInput> batch) {
        List<ValidSample> samples = SampleValidation.validate(batch);
        Optional<String> existing = deviceLock.lock(deviceId);
        String collection = existing.isPresent() ? existing.get()
                : DeviceAccess.collectionForNewDevice(callerCollections, requestedCollection);
        DeviceAccess.check(callerCollections, requestedCollection, collection);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (existing.isEmpty()) {
            registration.register(deviceId, collection);
            String registered = deviceLock.lock(deviceId).orElseThrow(() -> new IllegalStateException(
                    "Device " + deviceId + " could neither be registered nor found"));
            // A racing first POST may have registered it first, in another collection.
            DeviceAccess.check(callerCollections, requestedCollection, registered);
        }
        store.upsert(deviceId, samples, now);
    }
}
