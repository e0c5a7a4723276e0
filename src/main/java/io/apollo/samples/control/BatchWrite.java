package io.apollo.samples.control;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** A valid batch to be written for a caller: the device, who asks, the samples and when they arrived. */
public record BatchWrite(String deviceId, Set<String> callerCollections, String requestedCollection,
        List<ValidSample> samples, OffsetDateTime ingestedAt) {
}
