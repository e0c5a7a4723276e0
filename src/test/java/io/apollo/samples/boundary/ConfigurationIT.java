package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.batchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.TestTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings reach the service through MicroProfile Config (SPEC §7), as system properties and as
 * environment variables, overriding the defaults in the WAR.
 */
class ConfigurationIT {

    private final Path dataDir = Path.of("target", "configuration-data-" + System.nanoTime()).toAbsolutePath();

    @Test
    void limitsAndTheCollectionsClaimAreConfigurable() throws Exception {
        try (PayaraProcess server = PayaraProcess.start("configuration-server", dataDir,
                List.of("-Dapollo.samples.max-body-bytes=2000", "-Dapollo.collections.claim=teams"),
                Map.of("APOLLO_SAMPLES_MAX_PER_REQUEST", "3"))) {
            Api api = server.api();
            String device = Api.newDevice();
            String token = TestTokens.groups("apollo_write").collections("team-a").collectionsClaim("teams").sign();

            api.post(device).token(token).body(batchOf(3)).send().assertAccepted();
            api.post(device).token(token).body(batchOf(4)).send()
                    .assertError(413, "More than 3 samples in one request");
            api.post(device).token(token).body(batchOf(1) + " ".repeat(2000)).send()
                    .assertError(413, "Request body larger than 2000 bytes");
            api.post(device).token(TestTokens.groups("apollo_write").collections("team-a").sign()).body(batchOf(1))
                    .send().assertError(403, "User does not have access to device");

            assertEquals(3, api.get(device, "").token(token).send().assertEnvelope(200, "").asJsonArray().size());
        }
    }
}
