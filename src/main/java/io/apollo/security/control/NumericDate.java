package io.apollo.security.control;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A NumericDate claim ({@code exp}, {@code iat}, {@code nbf}; RFC 7519 §2): seconds since the
 * epoch, maybe with a fraction, as the server's principal gives it (a number or a JSON number).
 */
public final class NumericDate {

    private NumericDate() {
    }

    /** The claim's seconds, exactly; empty when it is absent or not a number. */
    public static Optional<BigDecimal> of(Object claim) {
        return claim instanceof JsonNumber number ? Optional.of(number.bigDecimalValue())
                : claim instanceof Number number ? Optional.of(new BigDecimal(number.toString()))
                : Optional.empty();
    }
}
