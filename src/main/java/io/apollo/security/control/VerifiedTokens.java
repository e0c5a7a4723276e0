package io.apollo.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.DateTimeException;
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
 * <p>About {@link #CAPACITY} tokens at most, each at most {@link #LONGEST_TOKEN} characters
 * long (longer ones are verified every time): when full, the expired ones go, and if none had
 * expired, all of them (each is verified again when it comes back).
 */
@ApplicationScoped
public class VerifiedTokens {

    public static final int CAPACITY = 2_048;
    public static final int LONGEST_TOKEN = 8_192;
    /**
     * How long after its verification a token is taken as verified at most. It bounds how long a
     * token signed with a key just removed from the configured JWKS is still accepted, on top of
     * the time the server keeps the keys it has read (Payara: 5 minutes).
     */
    public static final Duration LONGEST = Duration.ofSeconds(60);

    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(CredentialValidationResult result, Instant until) {
    }

    /** The verification of this token, if it was verified before and holds at {@code now}. */
    public Optional<CredentialValidationResult> find(String token, Instant now) {
        Verified known = verified.get(token);
        return known != null && now.isBefore(known.until()) ? Optional.of(known.result()) : Optional.empty();
    }

    /**
     * Keeps a token's verification until {@code until}. A verification that still holds is kept
     * as it is: answering from it never prolongs it.
     */
    public void remember(String token, CredentialValidationResult result, Instant until, Instant now) {
        if (!now.isBefore(until) || token.length() > LONGEST_TOKEN) {
            return;
        }
        if (verified.size() >= CAPACITY && !verified.containsKey(token)) {
            verified.values().removeIf(known -> !now.isBefore(known.until()));
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
        }
        verified.compute(token, (text, known) -> known != null && now.isBefore(known.until())
                ? known : new Verified(result, until));
    }

    /**
     * Until when a token verified at {@code verifiedAt} may be taken as verified: its expiry
     * ({@code exp}), its issue time plus the maximum age when one is configured
     * ({@code mp.jwt.verify.token.age}), and {@link #LONGEST} after its verification, whichever
     * comes first. Without an expiry (or an issue time, when there is a maximum age), or with
     * one beyond any clock, it is not kept at all.
     */
    public static Instant until(Object expiresAt, Object issuedAt, Optional<Long> maximumAgeSeconds,
            Instant verifiedAt) {
        OptionalLong expiry = seconds(expiresAt);
        OptionalLong issued = seconds(issuedAt);
        if (expiry.isEmpty() || maximumAgeSeconds.isPresent() && issued.isEmpty()) {
            return verifiedAt;
        }
        try {
            Instant until = Instant.ofEpochSecond(expiry.getAsLong());
            if (maximumAgeSeconds.isPresent()) {
                Instant tooOld = Instant.ofEpochSecond(issued.getAsLong()).plusSeconds(maximumAgeSeconds.get());
                until = tooOld.isBefore(until) ? tooOld : until;
            }
            Instant longest = verifiedAt.plus(LONGEST);
            return longest.isBefore(until) ? longest : until;
        } catch (DateTimeException | ArithmeticException beyondAnyClock) {
            return verifiedAt;
        }
    }

    /** A NumericDate claim's whole seconds (its fraction dropped), or empty when it has none or too many. */
    private static OptionalLong seconds(Object claim) {
        try {
            return NumericDate.of(claim).map(seconds -> OptionalLong.of(seconds.toBigInteger().longValueExact()))
                    .orElse(OptionalLong.empty());
        } catch (ArithmeticException beyondAnyClock) {
            return OptionalLong.empty();
        }
    }
}
