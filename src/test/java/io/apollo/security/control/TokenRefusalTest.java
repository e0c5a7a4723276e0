package io.apollo.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenRefusalTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final TokenRefusal REFUSAL = new TokenRefusal("https://idp.example.com/realms/ops", Set.of("apollo"),
            Duration.ofSeconds(60));

    @Test
    void whatIsNoBearerJwtIsNamed() {
        assertEquals("the Authorization header does not hold a Bearer token", REFUSAL.reason("Basic YTpi", NOW));
        assertEquals("not a JWT (a signed JWT is three base64url parts separated by dots)", REFUSAL.reason("Bearer abc", NOW));
        assertEquals("an encrypted JWT (the service takes signed ones)", REFUSAL.reason("Bearer a.b.c.d.e", NOW));
        assertEquals("its header is not base64url-encoded JSON", REFUSAL.reason("Bearer !!.e30.c2ln", NOW));
        assertEquals("its claims are not base64url-encoded JSON", REFUSAL.reason("Bearer " + part(header()) + ".WzFd.c2ln", NOW));
    }

    @Test
    void anAlgorithmMpJwtDoesNotVerifyIsNamed() {
        assertEquals("algorithm 'none' is not accepted (RS256 or ES256)",
                REFUSAL.reason(bearer(header().add("alg", "none"), claims()), NOW));
        assertEquals("algorithm 'HS256' is not accepted (RS256 or ES256)",
                REFUSAL.reason(bearer(header().add("alg", "HS256"), claims()), NOW));
    }

    @Test
    void aMissingRequiredClaimIsNamed() {
        assertEquals("it has no jti claim (MP-JWT requires iss, sub, exp, iat, jti)",
                REFUSAL.reason(bearer(header(), claims().remove("jti")), NOW));
    }

    @Test
    void anotherIssuerOrAudienceIsNamedWithTheConfiguredOne() {
        assertEquals("issuer 'https://idp.example.com/realms/other' is not the configured"
                + " 'https://idp.example.com/realms/ops' (mp.jwt.verify.issuer)",
                REFUSAL.reason(bearer(header(), claims().add("iss", "https://idp.example.com/realms/other")), NOW));
        assertEquals("audience 'account,web' is none of the configured 'apollo' (mp.jwt.verify.audiences)",
                REFUSAL.reason(bearer(header(), claims().add("aud", Json.createArrayBuilder().add("web").add("account"))), NOW));
        assertTrue(REFUSAL.reason(bearer(header(), claims().add("aud", Json.createArrayBuilder().add("web").add("apollo"))), NOW)
                .startsWith("its signature"));
        TokenRefusal anyIssuer = new TokenRefusal(null, Set.of(), Duration.ofSeconds(60));
        assertTrue(anyIssuer.reason(bearer(header(), claims().add("iss", "x").add("aud", "y")), NOW).startsWith("its signature"));
    }

    @Test
    void anExpiredTokenIsNamedBeyondTheSkewOnly() {
        assertEquals("it expired at 2026-12-06T07:58:00Z, 120 s before it was sent (clock skew allowed: 60 s,"
                + " mp.jwt.verify.clock.skew)", REFUSAL.reason(bearer(header(), claims().add("exp", NOW.getEpochSecond() - 120)), NOW));
        assertTrue(REFUSAL.reason(bearer(header(), claims().add("exp", NOW.getEpochSecond() - 30)), NOW).startsWith("its signature"));
        assertEquals("its exp claim is not a number of seconds", REFUSAL.reason(bearer(header(), claims().add("exp", "tomorrow")), NOW));
    }

    @Test
    void aTokenNotValidYetIsNamed() {
        assertEquals("it is not valid before 2026-12-06T08:05:00Z (clock skew allowed: 60 s)",
                REFUSAL.reason(bearer(header(), claims().add("nbf", NOW.getEpochSecond() + 300)), NOW));
        assertEquals("it is not valid before 1000000000000000000000000000000 s after the epoch (clock skew allowed: 60 s)",
                REFUSAL.reason(bearer(header(), claims().add("nbf", Json.createValue(new java.math.BigDecimal("1e30")))), NOW));
    }

    @Test
    void aTypeOtherThanJwtIsNamed() {
        assertEquals("its header's typ is 'at+jwt', not JWT", REFUSAL.reason(bearer(header().add("typ", "at+jwt"), claims()), NOW));
    }

    @Test
    void whatPassesEveryCheckIsTheSignatureWithItsKeyId() {
        assertEquals("its signature was not verified with the configured keys (mp.jwt.verify.publickey.location;"
                + " kid 'key-2', alg 'RS256'): a key the server has not fetched yet, another identity provider's key,"
                + " or a token changed after it was signed", REFUSAL.reason(bearer(header(), claims()), NOW));
        assertTrue(REFUSAL.reason("bearer " + bearer(header(), claims()).substring(7), NOW).startsWith("its signature"));
    }

    @Test
    void valuesFromTheTokenCannotBreakTheLine() {
        String reason = REFUSAL.reason(bearer(header(), claims().add("iss", "evil\nWARNING: forged line\u2028" + "x".repeat(200))), NOW);
        assertFalse(reason.contains("\n") || reason.contains("\u2028"), reason);
        assertTrue(reason.startsWith("issuer 'evil?WARNING: forged line?xxx"), reason);
        assertTrue(reason.contains("xxx...' is not the configured"), reason);
    }

    private static JsonObjectBuilder header() {
        return Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("kid", "key-2");
    }

    private static JsonObjectBuilder claims() {
        return Json.createObjectBuilder().add("iss", "https://idp.example.com/realms/ops").add("sub", "service-account")
                .add("aud", "apollo").add("exp", NOW.getEpochSecond() + 300).add("iat", NOW.getEpochSecond())
                .add("jti", "4f1c");
    }

    private static String bearer(JsonObjectBuilder header, JsonObjectBuilder claims) {
        return "Bearer " + part(header) + "." + part(claims) + ".c2lnbmF0dXJl";
    }

    private static String part(JsonObjectBuilder json) {
        JsonObject object = json.build();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(object.toString().getBytes(StandardCharsets.UTF_8));
    }
}
