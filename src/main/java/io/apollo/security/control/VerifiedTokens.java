package io.apollo.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer tokens the server has verified, each with the result of its verification, kept until
 * the token may no longer be accepted without verifying it again. A token is found by its exact
 * text only: the answer kept is the one the server gave that very token.
 *
 * <p>At most {@link #CAPACITY} tokens: when full, the expired ones go, and if none had expired,
 * all of them (each is verified again when it comes back).
 */
@ApplicationScoped
public class VerifiedTokens {

    public static final int CAPACITY = 4_096;
    /** As long as Payara's MP-JWT keeps a public key it has read before reading it again. */
    public static final Duration LONGEST = Duration.ofMinutes(5);

    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(CredentialValidationResult result, Instant until) {
    }

    /** The verification of this token, if it was verified before and holds at {@code now}. */
    public Optional<CredentialValidationResult> find(String token, Instant now) {
        Verified known = verified.get(token);
        return known != null && now.isBefore(known.until()) ? Optional.of(known.result()) : Optional.empty();
    }

    /** Keeps a token's verification until {@code until}, unless it is already kept: a later hit never prolongs it. */
    public void remember(String token, CredentialValidationResult result, Instant until, Instant now) {
        if (!now.isBefore(until) || verified.containsKey(token)) {
            return;
        }
        if (verified.size() >= CAPACITY) {
            verified.values().removeIf(known -> !now.isBefore(known.until()));
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
        }
        verified.putIfAbsent(token, new Verified(result, until));
    }

    /**
     * Until when a token verified at {@code verifiedAt} may be taken as verified: its expiry
     * ({@code exp}), its issue time plus the maximum age when one is configured
     * ({@code mp.jwt.verify.token.age}), and {@link #LONGEST} after its verification, whichever
     * comes first. Without an expiry (or an issue time, when there is a maximum age) it is not
     * kept at all.
     */
    public static Instant until(Object expiresAt, Object issuedAt, Optional<Long> maximumAgeSeconds,
            Instant verifiedAt) {
        OptionalLong expiry = seconds(expiresAt);
        if (expiry.isEmpty()) {
            return verifiedAt;
        }
        Instant until = Instant.ofEpochSecond(expiry.getAsLong());
        if (maximumAgeSeconds.isPresent()) {
            OptionalLong issued = seconds(issuedAt);
            if (issued.isEmpty()) {
                return verifiedAt;
            }
            Instant tooOld = Instant.ofEpochSecond(issued.getAsLong()).plusSeconds(maximumAgeSeconds.get());
            until = tooOld.isBefore(until) ? tooOld : until;
        }
        Instant longest = verifiedAt.plus(LONGEST);
        return longest.isBefore(until) ? longest : until;
    }

    /** A NumericDate claim ({@code exp}, {@code iat}) as the principal gives it: a number, or a JSON number. */
    private static OptionalLong seconds(Object claim) {
        return claim instanceof JsonNumber number ? OptionalLong.of(number.longValue())
                : claim instanceof Number number ? OptionalLong.of(number.longValue())
                : OptionalLong.empty();
    }
}
