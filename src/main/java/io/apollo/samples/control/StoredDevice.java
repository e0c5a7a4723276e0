package io.apollo.samples.control;

/**
 * A device's row as the caller's transaction read it, locked or not as the method that returned it
 * says (SampleStore): its id, the small key its series and samples are stored under, and its
 * collection.
 */
public record StoredDevice(String id, int key, String collectionId) {
}
