package io.apollo.security.boundary;

import io.apollo.security.control.VerifiedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A bearer token is verified at most once a minute, not on every request (VerifiedTokens says
 * for how long exactly): Payara's MP-JWT verification (parsing the token, its signature, issuer
 * and audience) was a tenth of a single-sample POST's CPU. Two identity stores frame the server's own:
 * <ul>
 *   <li>{@link Known} is consulted before it, and answers for a token verified before;</li>
 *   <li>{@link Recorder} is asked for groups once a store has validated a token (Jakarta Security
 *       asks group-only stores after every successful validation), and keeps that result under
 *       the token's text as the verified principal gives it ({@code raw_token}).</li>
 * </ul>
 * Servers whose MP-JWT consults no identity store (WildFly) never call them.
 */
public final class TokenVerifications {

    private TokenVerifications() {
    }

    /**
     * Answers for a signed JWT verified before (VerifiedTokens), or leaves it to the server. Only
     * a credential that carries a signed JWT as Payara's does ({@code getSignedJWT()}) is
     * recognised, by that very text; any other credential is left to the server.
     */
    @ApplicationScoped
    public static class Known implements IdentityStore {

        private static final ClassValue<Optional<Method>> SIGNED_JWT = new ClassValue<>() {
            @Override
            protected Optional<Method> computeValue(Class<?> credential) {
                try {
                    Method accessor = credential.getMethod("getSignedJWT");
                    return accessor.getReturnType() == String.class && Modifier.isPublic(credential.getModifiers())
                            ? Optional.of(accessor) : Optional.empty();
                } catch (NoSuchMethodException notAJwtCredential) {
                    return Optional.empty();
                }
            }
        };

        @Inject
        VerifiedTokens tokens;

        @Override
        public CredentialValidationResult validate(Credential credential) {
            return signedJwt(credential).flatMap(token -> tokens.find(token, Instant.now()))
                    .orElse(CredentialValidationResult.NOT_VALIDATED_RESULT);
        }

        static Optional<String> signedJwt(Credential credential) {
            Optional<Method> accessor = SIGNED_JWT.get(credential.getClass());
            if (accessor.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable((String) accessor.get().invoke(credential));
            } catch (IllegalAccessException | InvocationTargetException unreadable) {
                return Optional.empty();
            }
        }

        /** Before the server's own store (100 by default): lower comes first. */
        @Override
        public int priority() {
            return 10;
        }

        /** With its groups: the token's, as the server's store found them. */
        @Override
        public Set<ValidationType> validationTypes() {
            return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
        }
    }

    /** Keeps each token's successful verification, under the token's own text. */
    @ApplicationScoped
    public static class Recorder implements IdentityStore {

        @Inject
        VerifiedTokens tokens;

        @Inject
        @ConfigProperty(name = "mp.jwt.verify.token.age")
        Optional<Long> maximumAgeSeconds;

        @Override
        public Set<String> getCallerGroups(CredentialValidationResult result) {
            Instant now = Instant.now();
            // Also asked after Known answered: then there is nothing to keep.
            if (result.getCallerPrincipal() instanceof JsonWebToken token && token.getRawToken() != null
                    && tokens.find(token.getRawToken(), now).isEmpty()) {
                tokens.remember(token.getRawToken(), result, VerifiedTokens.until(token.getClaim(Claims.exp.name()),
                        token.getClaim(Claims.iat.name()), maximumAgeSeconds, now), now);
            }
            return Set.of();
        }

        @Override
        public Set<ValidationType> validationTypes() {
            return EnumSet.of(ValidationType.PROVIDE_GROUPS);
        }
    }
}
