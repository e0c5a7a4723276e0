package io.apollo.samples.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apollo.envelope.control.Rejection;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceAccessTest {

    @Test
    void newDeviceJoinsTheRequestedCollection() {
        assertEquals("b", DeviceAccess.collectionForNewDevice(Set.of("a", "b"), "b"));
    }

    @Test
    void newDeviceJoinsTheCallersOnlyCollection() {
        assertEquals("a", DeviceAccess.collectionForNewDevice(Set.of("a"), null));
        assertEquals("a", DeviceAccess.collectionForNewDevice(Set.of("a"), "  "));
    }

    @Test
    void callerInSeveralCollectionsMustName() {
        assertThrows(CollectionRequired.class, () -> DeviceAccess.collectionForNewDevice(Set.of("a", "b"), null));
    }

    @Test
    void callerInNoCollectionIsForbidden() {
        assertThrows(DeviceAccessDenied.class, () -> DeviceAccess.collectionForNewDevice(Set.of(), null));
    }

    @Test
    void newDevicesCollectionFitsItsColumn() {
        String longest = "c".repeat(128);
        assertEquals(longest, DeviceAccess.collectionForNewDevice(Set.of(longest), null));
        String tooLong = "c".repeat(129);
        assertEquals(DeviceAccess.COLLECTION_TOO_LONG, assertThrows(Rejection.class,
                () -> DeviceAccess.collectionForNewDevice(Set.of(tooLong), tooLong)).getMessage());
    }

    @Test
    void requestingAForeignCollectionIsForbidden() {
        assertEquals(DeviceAccess.NOT_A_MEMBER, assertThrows(DeviceAccessDenied.class,
                () -> DeviceAccess.collectionForNewDevice(Set.of("a"), "b")).getMessage());
        assertEquals(DeviceAccess.NOT_A_MEMBER, assertThrows(DeviceAccessDenied.class,
                () -> DeviceAccess.check(Set.of("a"), "b", "a")).getMessage());
    }

    @Test
    void memberReachesExistingDeviceWithOrWithoutHeader() {
        assertDoesNotThrow(() -> DeviceAccess.check(Set.of("a", "b"), null, "a"));
        assertDoesNotThrow(() -> DeviceAccess.check(Set.of("a", "b"), "a", "a"));
    }

    @Test
    void nonMemberOfTheDevicesCollectionIsForbidden() {
        assertEquals(DeviceAccess.NO_DEVICE_ACCESS, assertThrows(DeviceAccessDenied.class,
                () -> DeviceAccess.check(Set.of("b"), null, "a")).getMessage());
    }

    @Test
    void headerThatDiffersFromTheDevicesCollectionIsForbidden() {
        assertEquals(DeviceAccess.NO_DEVICE_ACCESS, assertThrows(DeviceAccessDenied.class,
                () -> DeviceAccess.check(Set.of("a", "b"), "b", "a")).getMessage());
    }
}
