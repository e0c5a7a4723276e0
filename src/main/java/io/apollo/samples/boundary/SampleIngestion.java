package io.apollo.samples.boundary;

import io.apollo.samples.control.Devices;
import io.apollo.samples.control.LockedDevice;
import io.apollo.samples.control.RetentionPeriod;
import io.apollo.samples.control.SampleInput;
import io.apollo.samples.control.SampleStore;
import io.apollo.samples.control.SampleValidation;
import io.apollo.samples.control.ValidSample;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * One POST, one transaction: validation (the retention period included), the device (locked, and registered on its first batch)
 * and the caller's access to it, then the samples. Anything that fails before the commit stores
 * nothing of the batch. The device stays locked until the commit, so concurrent batches of one
 * device (a client retrying while its first attempt is still running) are written one after the
 * other instead of both inserting the same new key.
 */
@Stateless
public class SampleIngestion {

    @Inject
    Devices devices;

    @Inject
    SampleStore store;

    @Inject
    RetentionPeriod retention;

    public void ingest(String deviceId, Set<String> callerCollections, String requestedCollection,
            List<SampleInput> batch) {
        Instant now = Instant.now();
        List<ValidSample> samples = SampleValidation.validate(batch, retention.at(now));
        LockedDevice device = devices.lockForWriting(deviceId, callerCollections, requestedCollection);
        store.upsert(device, samples, OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }
}
