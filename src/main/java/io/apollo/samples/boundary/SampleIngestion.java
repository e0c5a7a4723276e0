package io.apollo.samples.boundary;

import io.apollo.samples.control.BatchWrite;
import io.apollo.samples.control.RetentionPeriod;
import io.apollo.samples.control.SampleInput;
import io.apollo.samples.control.SampleValidation;
import io.apollo.samples.control.SharedCommits;
import io.apollo.samples.control.ValidSample;
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
 * One POST: validation (the retention period included), outside any transaction, then the batch
 * written ({@link SharedCommits}: in a transaction of its own, or, when small, in one it shares
 * with the small batches that arrived with it).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SampleIngestion {

    @Inject
    SharedCommits commits;

    @Inject
    RetentionPeriod retention;

    public void ingest(String deviceId, Set<String> callerCollections, String requestedCollection,
            List<SampleInput> batch) {
        Instant now = Instant.now();
        List<ValidSample> samples = SampleValidation.validate(batch, retention.at(now));
        OffsetDateTime ingestedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        commits.write(new BatchWrite(deviceId, callerCollections, requestedCollection, samples, ingestedAt));
    }
}
