package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.batchOf;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /**
     * A limit of requests at once below 1 fails the deployment when it starts, logged with the
     * setting's name, instead of failing every request later: the instance is not ready and
     * takes no batch (Payara answers 500 for an application that did not start).
     */
    @Test
    void aLimitBelowOneFailsTheDeployment() throws Exception {
        try (PayaraProcess server = PayaraProcess.start("configuration-admission-server", dataDir,
                List.of("-Dapollo.ingest.max-in-flight=0"), Map.of())) {
            assertTrue(server.log().contains("apollo.ingest.max-in-flight must be at least 1, not 0"), server.log());
            Api.Reply post = server.api().post(Api.newDevice()).token(TestTokens.groups("apollo_write").collections("c").sign())
                    .body(batchOf(1)).send();
            assertEquals(500, post.status(), post.text());
            Api.Reply ready = server.api().management("health/ready").send();
            assertNotEquals(200, ready.status(), ready.text());
        }
    }

    /**
     * A retention period (docs/api.md §8): a sample already past it is refused, naming its
     * timestamp, and one that ages past it is purged by the job, which says so in the log.
     */
    @Test
    void samplesPastTheRetentionPeriodAreRefusedAndPurged() throws Exception {
        try (PayaraProcess server = PayaraProcess.start("configuration-retention-server", dataDir,
                List.of("-Dapollo.retention.max-age=PT20S", "-Dapollo.retention.interval=PT2S"), Map.of())) {
            Api api = server.api();
            String device = Api.newDevice();
            String token = TestTokens.groups("apollo_write", "apollo_read").collections("team-a").sign();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

            Api.Reply old = api.post(device).token(token).body(batch(sample("t", "1", now.minusSeconds(3600).toString()),
                    sample("t", "2", now.toString()))).send();
            JsonObject problem = old.assertEnvelope(400, "Invalid samples: 1 problem").asJsonObject()
                    .getJsonArray("errors").getJsonObject(0);
            assertEquals(0, problem.getInt("index"));
            assertEquals("timestamp", problem.getString("field"));
            assertTrue(problem.getString("message").startsWith("is older than the retention period (PT20S): samples"
                    + " before "), problem.toString());
            api.get(device, "").token(token).send().assertError(404, "Device not found");

            api.post(device).token(token).body(batch(sample("t", "1", now.minusSeconds(5).toString()),
                    sample("t", "2", now.plusSeconds(3600).toString()))).send().assertAccepted();
            Instant deadline = Instant.now().plusSeconds(60);
            while (api.get(device, "").token(token).send().assertEnvelope(200, "").asJsonArray().size() > 1) {
                assertTrue(Instant.now().isBefore(deadline), "the aged sample is still there after a minute");
                Thread.sleep(500);
            }
            assertEquals(List.of("2"), api.get(device, "").token(token).send().assertEnvelope(200, "").asJsonArray()
                    .getValuesAs(JsonObject.class).stream().map(sample -> sample.get("val").toString()).toList());
            assertTrue(server.log().contains("Retention purge: "), "one INFO line a run");
        }
    }

    /**
     * The key as a JWKS (as identity providers publish it): a token is checked against the key its
     * {@code kid} names, and a {@code kid} the set does not hold is 401, even over a signature the
     * set's key would verify. (With one PEM key, the {@code kid} is not consulted: TokenAttacksIT.)
     */
    @Test
    void keysFromAJwks() throws Exception {
        Path jwks = dataDir.resolveSibling(dataDir.getFileName() + "-jwks.json");
        Files.createDirectories(jwks.getParent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecKeys = generator.generateKeyPair();
        Files.writeString(jwks, new JWKSet(List.of(
                new RSAKey.Builder(TestTokens.publicKey()).keyID("test-key").keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).build(),
                new ECKey.Builder(Curve.P_256, (ECPublicKey) ecKeys.getPublic()).keyID("test-ec-key")
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build())).toString());
        try (PayaraProcess server = PayaraProcess.start("configuration-jwks-server", dataDir,
                List.of("-Dmp.jwt.verify.publickey.location=file:" + jwks), Map.of())) {
            Api api = server.api();
            TestTokens writer = TestTokens.groups("apollo_write").collections("team-a");
            api.post(Api.newDevice()).token(writer.keyId("test-key").sign()).body(batchOf(1)).send().assertAccepted();
            String unknownKeyId = TestTokens.groups("apollo_write").collections("team-a").keyId("attacker-key")
                    .signedWithAnotherKey().sign();
            String device = Api.newDevice();
            api.post(device).token(unknownKeyId).body(batchOf(1)).send().assertError(401, "Missing or invalid bearer token");
            String knownKeyIdOtherKey = TestTokens.groups("apollo_write").collections("team-a").keyId("test-key")
                    .signedWithAnotherKey().sign();
            api.post(device).token(knownKeyIdOtherKey).body(batchOf(1)).send()
                    .assertError(401, "Missing or invalid bearer token");
            String unknownKeyIdRightKey = TestTokens.groups("apollo_write").collections("team-a").keyId("attacker-key")
                    .sign();
            api.post(device).token(unknownKeyIdRightKey).body(batchOf(1)).send()
                    .assertError(401, "Missing or invalid bearer token");
            assertEquals(401, api.get(device, "").token(unknownKeyIdRightKey).send().status());

            // ES256 (SPEC §2): accepted with the JWKS's EC key, refused with another EC key of that key id.
            String ecDevice = Api.newDevice();
            api.post(ecDevice).token(writer.keyId("test-ec-key").signedEs256((ECPrivateKey) ecKeys.getPrivate()))
                    .body(batchOf(2)).send().assertAccepted();
            KeyPair otherEcKeys = generator.generateKeyPair();
            api.post(ecDevice).token(writer.keyId("test-ec-key").signedEs256((ECPrivateKey) otherEcKeys.getPrivate()))
                    .body(batchOf(3)).send().assertError(401, "Missing or invalid bearer token");
            assertEquals(2, api.get(ecDevice, "").token(writer.keyId("test-key").sign()).send().json()
                    .getJsonArray("data").size());
        }
    }

    /**
     * With {@code mp.jwt.verify.clock.skew} unset (the other test servers set 1 s), the WAR's
     * default of 60 s applies to {@code exp} as to {@code nbf}: a token that expired 20 s ago is
     * accepted, one that expired 2 minutes ago is not.
     */
    @Test
    void theDefaultClockSkewIsSixtySecondsForExpiryAndNotBefore() throws Exception {
        try (PayaraProcess server = PayaraProcess.start("configuration-skew-server", dataDir)) {
            Api api = server.api();
            String device = Api.newDevice();
            TestTokens writer = TestTokens.groups("apollo_write").collections("skew");
            Instant now = Instant.now();
            api.post(device).token(writer.expiresAt(now.minusSeconds(20)).sign()).body(batchOf(1)).send()
                    .assertAccepted();
            api.post(device).token(TestTokens.groups("apollo_write").collections("skew")
                    .notBefore(now.plusSeconds(20)).sign()).body(batchOf(1)).send().assertAccepted();
            for (String token : List.of(
                    TestTokens.groups("apollo_write").collections("skew").expiresAt(now.minusSeconds(120)).sign(),
                    TestTokens.groups("apollo_write").collections("skew").notBefore(now.plusSeconds(120)).sign())) {
                assertEquals(401, api.post(device).token(token).body(batchOf(1)).send().status(), token);
            }
        }
    }
}
