package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The health endpoints where the server serves them (its root on Payara, the management port on
 * WildFly), with the service's database check among the server's own. Readiness while the
 * database is gone: OperationsIT.
 */
class HealthIT extends ServerTest {

    @Test
    void liveWhileServing() {
        assertUp(api.management("health/live").send());
    }

    @Test
    void readyWithTheDatabaseCheckUp() {
        JsonObject health = assertUp(api.management("health/ready").send());
        List<JsonObject> database = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("database")).toList();
        assertEquals(1, database.size(), health.toString());
        assertEquals("UP", database.get(0).getString("status"));
    }

    private static JsonObject assertUp(Api.Reply reply) {
        assertEquals(200, reply.status(), reply.text());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        JsonObject health = reply.json();
        assertEquals("UP", health.getString("status"), reply.text());
        return health;
    }
}
