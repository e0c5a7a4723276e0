package io.apollo.envelope.boundary;

import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The envelope and the correlation id on every response, including those the container or
 * JAX-RS answer without reaching a resource (SPEC §3, §6).
 */
class EnvelopeIT extends ServerTest {

    private static final String CORRELATION = "x-correlation-id";


    private Api.Call validPost() {
        return api.post(Api.newDevice()).token(TestTokens.groups("apollo_write").collections("c1").sign())
                .body(batch(sample("a", "1", "2020-01-01T00:00:00Z")));
    }

    @Test
    void correlationIdIsEchoed() {
        Api.Reply reply = validPost().header(CORRELATION, "job-42:run.7_A").send();

        reply.assertAccepted();
        assertEquals("job-42:run.7_A", reply.header(CORRELATION));
    }

    @Test
    void correlationIdIsGeneratedWhenAbsent() {
        Api.Reply first = validPost().send();
        Api.Reply second = validPost().send();

        assertUuid(first.header(CORRELATION));
        assertNotEquals(first.header(CORRELATION), second.header(CORRELATION));
    }

    @Test
    void unsafeCorrelationIdIsReplaced() {
        for (String unsafe : new String[] {"has space", "<script>", "x".repeat(129)}) {
            Api.Reply reply = validPost().header(CORRELATION, unsafe).send();
            reply.assertAccepted();
            assertUuid(reply.header(CORRELATION));
        }
    }

    @Test
    void correlationIdIsEchoedOnErrorsToo() {
        Api.Reply rejectedToken = api.post(Api.newDevice()).token("garbage").header(CORRELATION, "c-401").body("[]").send();
        rejectedToken.assertError(401, "Missing or invalid bearer token");
        assertEquals("c-401", rejectedToken.header(CORRELATION));

        Api.Reply unknownPath = api.call("GET", "no/such/page").header(CORRELATION, "c-404").send();
        unknownPath.assertError(404, "Not found");
        assertEquals("c-404", unknownPath.header(CORRELATION));

        Api.Reply invalid = validPost().header(CORRELATION, "c-400").body("[{}]").send();
        assertEquals(400, invalid.status());
        assertEquals("c-400", invalid.header(CORRELATION));
    }

    @Test
    void unknownPathsInsideAndOutsideTheApiAreEnveloped404s() {
        api.call("GET", "no/such/page").send().assertError(404, "Not found");
        api.call("GET", "apollo/devices/d1/nothing").send().assertError(404, "Not found");
    }

    @Test
    void unsupportedMethodIsAnEnveloped405WithAllow() {
        Api.Reply reply = api.call("PUT", String.format(Api.SAMPLES_PATH, "d1"))
                .token(TestTokens.groups("apollo_write").collections("c1").sign()).send();

        reply.assertError(405, "Method not allowed");
        // GET, POST and DELETE; HEAD (implied by GET) and OPTIONS as the server lists them (RESTEasy adds HEAD).
        Set<String> allowed = Set.of(reply.header("Allow").split(",\\s*"));
        assertTrue(allowed.containsAll(Set.of("GET", "POST", "DELETE")), allowed.toString());
        assertTrue(Set.of("GET", "POST", "DELETE", "HEAD", "OPTIONS").containsAll(allowed), allowed.toString());
    }

    @Test
    void unacceptableResponseTypeIsAnEnveloped406() {
        validPost().header("Accept", "text/html").send()
                .assertError(406, "Not acceptable: this API produces application/json");
    }

    @Test
    void unexpectedFailuresAreEnveloped500sWithAnErrorIdAndNoDetail() {
        for (String path : new String[] {"apollo/testing/failure", "apollo/testing/ejb-failure", "testing/servlet-failure"}) {
            Api.Reply reply = api.call("GET", path).header(CORRELATION, "c-500").send();

            assertEquals(500, reply.status(), reply.text());
            String errorId = reply.json().getJsonObject("data").getString("errorId");
            assertUuid(errorId);
            reply.assertEnvelope(500, "Internal server error (error id " + errorId + ")");
            assertFalse(reply.text().contains("secret"), reply.text());
            assertFalse(reply.text().contains("Exception"), reply.text());
            assertEquals("c-500", reply.header(CORRELATION));
        }
    }

    private static void assertUuid(String id) {
        assertEquals(id, UUID.fromString(id).toString());
    }
}
