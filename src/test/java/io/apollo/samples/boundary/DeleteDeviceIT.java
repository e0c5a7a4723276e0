package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.batchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DELETE of a device: it and all its samples go, and its id is free again (docs/api.md §8). */
class DeleteDeviceIT extends ServerTest {

    private static final String WRITER = TestTokens.groups("apollo_write").collections("fleet-a").sign();

    private long deleteDevice(String device, String token) {
        JsonObject data = api.deleteDevice(device).token(token).send().assertEnvelope(200, "").asJsonObject();
        assertEquals(1, data.size(), data.toString());
        return data.getJsonNumber("deleted").longValueExact();
    }

    @Test
    void theDeviceAndAllItsSamplesGo() {
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(batchOf(7)).send().assertAccepted();

        assertEquals(7, deleteDevice(device, WRITER));

        JsonObject stored = api.stored(device);
        assertFalse(stored.getBoolean("exists"), stored.toString());
        assertEquals(0, stored.getJsonArray("samples").size(), stored.toString());
        api.get(device, "").token(WRITER).send().assertError(404, "Device not found");
        api.post(device).token(WRITER).body(batchOf(1)).send().assertAccepted();
        JsonObject anew = api.assertMinutesExact(device);
        assertEquals(List.of("ts/Raw"), anew.getJsonArray("series").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList(), "the old series went with the device");
        assertEquals(1, anew.getJsonArray("minutes").size(), "only the new sample's minute");
        assertEquals(1, deleteDevice(device, WRITER));
        api.deleteDevice(device).token(WRITER).send().assertError(404, "Device not found");
        api.delete(device, "").token(WRITER).send().assertError(404, "Device not found");
    }

    /** More samples than one chunk (5,000): all of them counted, none left behind. */
    @Test
    void aDeviceWithManySamples() {
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(batchOf(10_000)).send().assertAccepted();
        api.post(device).token(WRITER).body(batchOf(10_000).replace("\"ts\"", "\"ts2\"")).send().assertAccepted();

        assertEquals(20_000, deleteDevice(device, WRITER));
        assertEquals(0, api.stored(device).getJsonArray("samples").size());
    }

    @Test
    void theIdIsFreeForANewFirstPostInAnotherCollection() {
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(batchOf(3)).send().assertAccepted();
        assertEquals(3, deleteDevice(device, WRITER));

        String fleetB = TestTokens.groups("apollo_write").collections("fleet-b").sign();
        api.post(device).token(fleetB).body(batchOf(2)).send().assertAccepted();

        JsonObject stored = api.stored(device);
        assertTrue(stored.getBoolean("exists"));
        assertEquals("fleet-b", stored.getString("collection"));
        assertEquals(2, stored.getJsonArray("samples").size());
        api.get(device, "").token(WRITER).send().assertError(403, "User does not have access to device");
        assertEquals(2, api.get(device, "").token(fleetB).send().assertEnvelope(200, "").asJsonArray().size());
    }

    @Test
    void noToken401ReadScope403ForeignCollection403UnknownDevice404LongId400AndNothingDeleted() {
        String device = Api.newDevice();
        api.post(device).token(WRITER).body(batchOf(3)).send().assertAccepted();

        Api.Reply anonymous = api.deleteDevice(device).send();
        anonymous.assertError(401, "Missing or invalid bearer token");
        assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
        api.deleteDevice(device).token(TestTokens.groups("apollo_read").collections("fleet-a").sign()).send()
                .assertError(403, "Insufficient scope");
        api.deleteDevice(device).token(TestTokens.groups("write").collections("fleet-b").sign()).send()
                .assertError(403, "User does not have access to device");
        api.deleteDevice(device).token(TestTokens.groups("write").collections("fleet-a", "fleet-b").sign())
                .header("erCollectionId", "fleet-b").send().assertError(403, "User does not have access to device");
        api.deleteDevice(Api.newDevice()).token(WRITER).send().assertError(404, "Device not found");
        api.deleteDevice("d".repeat(129)).token(WRITER).send()
                .assertError(400, "deviceId size must be between 1 and 128");

        JsonObject stored = api.stored(device);
        assertTrue(stored.getBoolean("exists"));
        assertEquals(3, stored.getJsonArray("samples").size());
    }

    @Test
    void otherDevicesAreUntouched() {
        String device = Api.newDevice();
        String neighbour = Api.newDevice();
        api.post(device).token(WRITER).body(batchOf(3)).send().assertAccepted();
        api.post(neighbour).token(WRITER).body(batchOf(4)).send().assertAccepted();

        assertEquals(3, deleteDevice(device, WRITER));
        assertEquals(4, api.stored(neighbour).getJsonArray("samples").size());
        assertEquals("fleet-a", api.stored(neighbour).getString("collection"));
    }
}
