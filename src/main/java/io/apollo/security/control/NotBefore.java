package io.apollo.security.control;

import jakarta.json.JsonNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token's {@code nbf} (RFC 7519 §4.1.5): it must not be accepted before that instant. Payara's
 * MP-JWT checks {@code exp} but not {@code nbf}, so the service checks it on every server, with
 * the clock skew MP-JWT allows for {@code exp} ({@code mp.jwt.verify.clock.skew}, 60 s by default).
 */
public final class NotBefore {

    public static final String CLAIM = "nbf";
    public static final String SKEW_PROPERTY = "mp.jwt.verify.clock.skew";
    public static final long DEFAULT_SKEW_SECONDS = 60;

    private NotBefore() {
    }

    /**
     * @param claim the {@code nbf} claim as the token gives it (seconds since the epoch), or null
     * @return true when the token is not yet valid at {@code now}
     */
    public static boolean notYetValid(Object claim, Instant now, Duration skew) {
        return seconds(claim).map(nbf -> now.plus(skew).isBefore(Instant.ofEpochSecond(nbf))).orElse(false);
    }

    private static Optional<Long> seconds(Object claim) {
        if (claim instanceof JsonNumber number) {
            return Optional.of(number.longValue());
        }
        if (claim instanceof Number number) {
            return Optional.of(number.longValue());
        }
        return Optional.empty();
    }
}
