package io.apollo.samples.boundary;

import io.apollo.samples.control.RetentionPeriod;
import io.apollo.samples.control.SampleInput;
import io.apollo.samples.control.SampleValidation;
import io.apollo.samples.control.SampleWrites;
import io.apollo.samples.control.SeriesChanged;
import io.apollo.samples.control.ValidSample;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * One POST: validation (the retention period included), then the batch written in one transaction
 * ({@link SampleWrites}). Written once more, under its device's lock, in the rare case a series it
 * writes was deleted while it was being written: the first attempt stored nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SampleIngestion {

    @EJB
    SampleWrites writes;

    @Inject
    RetentionPeriod retention;

    public void ingest(String deviceId, Set<String> callerCollections, String requestedCollection,
            List<SampleInput> batch) {
        Instant now = Instant.now();
        List<ValidSample> samples = SampleValidation.validate(batch, retention.at(now));
        OffsetDateTime ingestedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try {
            writes.write(deviceId, callerCollections, requestedCollection, samples, ingestedAt);
        } catch (SeriesChanged deleted) {
            writes.writeUnderDeviceLock(deviceId, callerCollections, requestedCollection, samples, ingestedAt);
        }
    }
}
