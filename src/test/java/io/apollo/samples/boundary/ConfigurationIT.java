package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.batchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
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
}
