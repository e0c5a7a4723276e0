package io.apollo.samples.control;

/**
 * A device whose row the caller's transaction has locked (SampleStore.lockDevice): its id, the
 * small key its series and samples are stored under, and its collection.
 */
public record LockedDevice(String id, int key, String collectionId) {
}
