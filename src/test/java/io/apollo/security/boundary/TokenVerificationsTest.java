package io.apollo.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.security.control.VerifiedTokens;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class TokenVerificationsTest {

    private final VerifiedTokens tokens = new VerifiedTokens();
    private final TokenVerifications.Known known = new TokenVerifications.Known();
    private final TokenVerifications.Recorder recorder = new TokenVerifications.Recorder();

    TokenVerificationsTest() {
        known.tokens = tokens;
        recorder.tokens = tokens;
        recorder.maximumAgeSeconds = Optional.empty();
    }

    @Test
    void aTokenTheServerVerifiedIsKnownByItsTextAfterwards() {
        CredentialValidationResult verified = new CredentialValidationResult(
                principal("h.p.s", Instant.now().plusSeconds(30)), Set.of("apollo_write"));
        assertEquals(CredentialValidationResult.Status.NOT_VALIDATED, known.validate(new SignedJwt("h.p.s")).getStatus());

        assertEquals(Set.of(), recorder.getCallerGroups(verified), "no groups of its own");

        assertSame(verified, known.validate(new SignedJwt("h.p.s")));
        assertEquals(CredentialValidationResult.Status.NOT_VALIDATED, known.validate(new SignedJwt("h.p.t")).getStatus());
    }

    @Test
    void anExpiredTokenIsLeftToTheServer() {
        recorder.getCallerGroups(new CredentialValidationResult(principal("h.p.s", Instant.now().minusSeconds(1))));
        assertEquals(CredentialValidationResult.Status.NOT_VALIDATED, known.validate(new SignedJwt("h.p.s")).getStatus());
    }

    @Test
    void otherCredentialsAndPrincipalsAreLeftAlone() {
        recorder.getCallerGroups(new CredentialValidationResult("alice"));
        assertEquals(CredentialValidationResult.Status.NOT_VALIDATED,
                known.validate(new UsernamePasswordCredential("alice", "h.p.s")).getStatus());
        assertTrue(TokenVerifications.Known.signedJwt(new UsernamePasswordCredential("alice", "secret")).isEmpty());
        assertEquals(Optional.of("h.p.s"), TokenVerifications.Known.signedJwt(new SignedJwt("h.p.s")));
    }

    /** Shaped as Payara's credential for a bearer token. */
    public static class SignedJwt implements Credential {

        private final String token;

        SignedJwt(String token) {
            this.token = token;
        }

        public String getSignedJWT() {
            return token;
        }
    }

    private static Jwt principal(String rawToken, Instant expires) {
        return new Jwt(Map.of("raw_token", rawToken, "exp", expires.getEpochSecond(),
                "iat", Instant.now().getEpochSecond()));
    }

    /** A verified token as Payara's MP-JWT hands it over: a caller principal that is a JsonWebToken. */
    static final class Jwt extends CallerPrincipal implements JsonWebToken {

        private final Map<String, Object> claims;

        Jwt(Map<String, Object> claims) {
            super("developer");
            this.claims = claims;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }
}
