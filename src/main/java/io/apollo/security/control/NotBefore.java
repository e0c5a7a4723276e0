package io.apollo.security.control;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A token's {@code nbf} (RFC 7519 §4.1.5): it must not be accepted before that instant. Payara's
 * MP-JWT checks {@code exp} but not {@code nbf}, so the service checks it on every server, with
 * the clock skew MP-JWT allows for {@code exp} ({@code mp.jwt.verify.clock.skew}, 60 s by default,
 * set in the WAR's microprofile-config.properties).
 */
public final class NotBefore {

    public static final String CLAIM = "nbf";
    public static final String SKEW_PROPERTY = "mp.jwt.verify.clock.skew";
    public static final long DEFAULT_SKEW_SECONDS = 60;

    private NotBefore() {
    }

    /**
     * @param claim the {@code nbf} claim as the token gives it (a NumericDate: seconds since the
     *     epoch, maybe with a fraction), or null
     * @return true when the token is not yet valid at {@code now}, or its {@code nbf} is not a
     *     number (a token that states its validity in a form the service cannot read is refused)
     */
    public static boolean notYetValid(Object claim, Instant now, Duration skew) {
        if (claim == null) {
            return false;
        }
        return NumericDate.of(claim)
                .map(notBefore -> notBefore.compareTo(BigDecimal.valueOf(now.plus(skew).getEpochSecond())) > 0)
                .orElse(true);
    }
}
