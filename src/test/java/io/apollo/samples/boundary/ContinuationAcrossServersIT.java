package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Continuation tokens are stateless (SPEC §5): a token one server issued is continued by
 * another server process on the same database, here the next one after a restart.
 */
class ContinuationAcrossServersIT {

    private final Path dataDir = Path.of("target", "continuation-data-" + System.nanoTime()).toAbsolutePath();

    @Test
    void aTokenIssuedByOneServerIsContinuedByTheNext() throws Exception {
        String device = Api.newDevice();
        String reader = TestTokens.groups("apollo_read").collections("c1").sign();
        String query = "limit=10&paginated=true";
        List<Integer> walked = new ArrayList<>();
        String token;
        try (PayaraProcess first = PayaraProcess.start("continuation-server-1", dataDir)) {
            Api api = first.api();
            StringJoiner samples = new StringJoiner(",", "[", "]");
            for (int i = 0; i < 25; i++) {
                samples.add(sample("t", String.valueOf(i), Instant.ofEpochSecond(1_600_000_000L + i).toString()));
            }
            api.post(device).token(TestTokens.groups("apollo_write").collections("c1").sign()).body(samples.toString())
                    .send().assertAccepted();
            Api.Reply page = api.get(device, query).token(reader).send();
            walked.addAll(vals(page));
            token = page.header("ContinuationToken");
            first.stop();
        }
        assertNotNull(token);

        try (PayaraProcess second = PayaraProcess.start("continuation-server-2", dataDir)) {
            Api api = second.api();
            while (token != null) {
                Api.Reply page = api.get(device, query).token(reader).header("ContinuationToken", token).send();
                walked.addAll(vals(page));
                token = page.header("ContinuationToken");
            }
            assertNull(token);
        }

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(i);
        }
        assertEquals(expected, walked);
    }

    private static List<Integer> vals(Api.Reply page) {
        return page.assertEnvelope(200, "").asJsonArray().getValuesAs(JsonObject.class).stream()
                .map(s -> s.getInt("val")).toList();
    }
}
