package io.apollo.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forged, altered and misplaced tokens: each is a 401 with {@code WWW-Authenticate: Bearer} in
 * the envelope, on a POST that would otherwise be accepted and on a GET, and nothing is stored.
 */
class TokenAttacksIT extends ServerTest {

    private static final Path PUBLIC_KEY = Path.of("src/test/resources/test-public-key.pem");

    @Test
    void forgedAlteredAndInvalidTokensAre401() throws IOException {
        byte[] pem = Files.readAllBytes(PUBLIC_KEY);
        byte[] der = Base64.getMimeDecoder().decode(new String(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", ""));
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("alg none", writer().unsigned());
        attacks.put("alg none, signature kept", writer().unsigned() + writer().sign().split("\\.")[2]);
        attacks.put("HS256 over the public key's PEM", writer().signedHs256(pem));
        attacks.put("HS256 over the public key's DER", writer().signedHs256(der));
        attacks.put("valid signature over a modified payload", withPayloadOf(
                TestTokens.groups("apollo_read").collections("attacks").sign(), writer().sign()));
        attacks.put("expired", writer().expired().sign());
        attacks.put("not yet valid", writer().notBefore(Instant.now().plus(Duration.ofMinutes(10))).sign());
        attacks.put("wrong issuer", writer().issuer("https://attacker.example").sign());
        attacks.put("wrong audience", writer().audience("another-service").sign());
        attacks.put("no exp", writer().withoutExpiry().sign());
        attacks.put("a key id the service does not have, signed by that key", writer().keyId("attacker-key")
                .signedWithAnotherKey().sign());
        attacks.put("signed by another key", writer().signedWithAnotherKey().sign());
        attacks.put("garbage", "not.a.token");
        attacks.put("empty", "");
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            String device = Api.newDevice();
            assertUnauthenticated(api.post(device).token(attack.getValue()).body(Samples.batchOf(1)).send(), attack.getKey());
            assertUnauthenticated(api.get(device, "").token(attack.getValue()).send(), attack.getKey());
            assertFalse(api.stored(device).getBoolean("exists"), attack.getKey());
        }
    }

    /**
     * The real token works with the same request: what fails above is the token, not the request.
     * Its {@code kid}, if any, is not consulted with one PEM key configured: the signature decides
     * (with a JWKS, see ConfigurationIT.keysFromAJwks).
     */
    @Test
    void theUnalteredTokenIsAcceptedWhateverItsKeyId() {
        for (String token : List.of(writer().sign(), writer().keyId("any-key-id").sign())) {
            String device = Api.newDevice();
            api.post(device).token(token).body(Samples.batchOf(1)).send().assertAccepted();
            assertEquals(1, api.stored(device).getJsonArray("samples").size());
        }
    }

    @Test
    void aTokenInTheQueryInsteadOfTheHeaderIs401() {
        String token = writer().sign();
        for (String parameter : new String[] {"access_token", "token", "jwt", "bearer"}) {
            String device = Api.newDevice();
            String path = String.format(Api.SAMPLES_PATH, device) + "?" + parameter + "=" + token;
            assertUnauthenticated(api.call("POST", path).header("Content-Type", "application/json")
                    .body(Samples.batchOf(1)).send(), parameter);
            assertUnauthenticated(api.call("GET", path).send(), parameter);
            assertFalse(api.stored(device).getBoolean("exists"), parameter);
        }
    }

    /**
     * The service keeps each verified token's verification (TokenVerifications): a token it has
     * accepted is refused all the same once it has expired, and the kept answer serves that exact
     * token only. The test servers allow 1 s of clock skew (pom.xml), MP-JWT's default being 60 s.
     */
    @Test
    void aTokenAcceptedBeforeIsRefusedOnceExpiredAndOnlyItsExactTextIsAccepted() throws InterruptedException {
        Instant expires = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String token = writer().expiresAt(expires).sign();
        String device = Api.newDevice();
        api.post(device).token(token).body(Samples.batchOf(1)).send().assertAccepted();
        api.post(device).token(token).body(Samples.batchOf(2)).send().assertAccepted();
        String[] parts = token.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        for (String near : List.of(token + "A", parts[0] + "." + parts[1] + "." + otherSignature,
                withPayloadOf(token, writer().collections("elsewhere").sign()))) {
            assertUnauthenticated(api.post(device).token(near).body(Samples.batchOf(3)).send(), "altered: " + near);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires.plusMillis(2_500)).toMillis()));
        assertUnauthenticated(api.post(device).token(token).body(Samples.batchOf(3)).send(), "expired since");
        assertUnauthenticated(api.get(device, "").token(token).send(), "expired since");
        assertEquals(2, api.stored(device).getJsonArray("samples").size());
    }

    private static TestTokens writer() {
        return TestTokens.groups("apollo_write").collections("attacks");
    }

    /** {@code token}'s header and signature around the payload of {@code other}. */
    private static String withPayloadOf(String token, String other) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
    }

    private static void assertUnauthenticated(Api.Reply reply, String attack) {
        assertEquals(401, reply.status(), attack + ": " + reply.text());
        String challenge = reply.header("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("Bearer"), attack + ": " + challenge);
        reply.assertError(401, "Missing or invalid bearer token");
    }
}
