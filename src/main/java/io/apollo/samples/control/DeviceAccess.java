package io.apollo.samples.control;

import io.apollo.samples.entity.Device;
import java.util.Set;

/**
 * The collections rule of docs/api.md §2: a device belongs to exactly one collection, and only members
 * of that collection reach it. {@code requested} is the {@code erCollectionId} header; absent
 * or blank, it names no collection.
 */
public final class DeviceAccess {

    static final String NO_DEVICE_ACCESS = "User does not have access to device";
    static final String NOT_A_MEMBER = "User does not have access to collection";
    static final String NO_COLLECTION = "User does not belong to any collection";
    static final String COLLECTION_TOO_LONG = "Collection id must be at most " + Device.COLLECTION_LENGTH + " characters";

    private DeviceAccess() {
    }

    /** May the caller reach a device that belongs to {@code deviceCollection}? */
    public static void check(Set<String> callerCollections, String header, String deviceCollection) {
        String requested = named(header);
        requireMember(callerCollections, requested);
        if (!callerCollections.contains(deviceCollection)
                || requested != null && !requested.equals(deviceCollection)) {
            throw new DeviceAccessDenied(NO_DEVICE_ACCESS);
        }
    }

    /** The collection a new device joins on its first accepted POST. */
    public static String collectionForNewDevice(Set<String> callerCollections, String header) {
        String requested = named(header);
        requireMember(callerCollections, requested);
        String collection;
        if (requested != null) {
            collection = requested;
        } else if (callerCollections.isEmpty()) {
            throw new DeviceAccessDenied(NO_COLLECTION);
        } else if (callerCollections.size() > 1) {
            throw new CollectionRequired();
        } else {
            collection = callerCollections.iterator().next();
        }
        if (collection.length() > Device.COLLECTION_LENGTH) {
            throw new InvalidCollection(COLLECTION_TOO_LONG);
        }
        return collection;
    }

    private static String named(String header) {
        return header == null || header.isBlank() ? null : header.strip();
    }

    private static void requireMember(Set<String> callerCollections, String requested) {
        if (requested != null && !callerCollections.contains(requested)) {
            throw new DeviceAccessDenied(NOT_A_MEMBER);
        }
    }
}
