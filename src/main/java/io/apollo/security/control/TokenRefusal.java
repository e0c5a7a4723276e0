package io.apollo.security.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a bearer token was refused, told from the token itself, for the operator's log: the
 * server's MP-JWT answers 401 and keeps its reason to itself (Payara logs it at INFO with a
 * stack trace, WildFly at DEBUG). The checks are those every MP-JWT verifier makes, in an order
 * that names the first fault a client or an identity provider can mend; what is left when they
 * all pass is the signature, which only the server's keys can tell.
 *
 * <p>The reason quotes the token's header and claims (issuer, audience, key id), never its
 * signature, and only in a form that cannot break a log line.
 *
 * @param issuer the issuer every token must carry ({@code mp.jwt.verify.issuer}), or null when none is set
 * @param audiences the accepted audiences ({@code mp.jwt.verify.audiences}), empty when any is accepted
 * @param skew the clock difference allowed for {@code exp} and {@code nbf}
 */
public record TokenRefusal(String issuer, Set<String> audiences, Duration skew) {

    /** The algorithms MP-JWT verifies signatures with. */
    static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");
    /** The claims MP-JWT requires (Payara refuses a token without any of them). */
    static final List<String> REQUIRED_CLAIMS = List.of("iss", "sub", "exp", "iat", "jti");
    private static final int MAX_QUOTED = 80;

    public TokenRefusal {
        audiences = Set.copyOf(audiences);
    }

    /**
     * @param authorization the request's {@code Authorization} header
     * @param now the instant the token was refused
     * @return the first fault found, as a phrase ("issuer 'x' is not the configured 'y' ...")
     */
    public String reason(String authorization, Instant now) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "the Authorization header does not hold a Bearer token";
        }
        String[] parts = authorization.substring(7).strip().split("\\.", -1);
        if (parts.length != 3) {
            return parts.length == 5 ? "an encrypted JWT (the service takes signed ones)"
                    : "not a JWT (a signed JWT is three base64url parts separated by dots)";
        }
        Optional<JsonObject> header = json(parts[0]);
        if (header.isEmpty()) {
            return "its header is not base64url-encoded JSON";
        }
        Optional<JsonObject> claims = json(parts[1]);
        if (claims.isEmpty()) {
            return "its claims are not base64url-encoded JSON";
        }
        return fault(header.get(), claims.get(), now).orElseGet(() -> "its signature was not verified with the"
                + " configured keys (mp.jwt.verify.publickey.location; kid " + quoted(text(header.get(), "kid"))
                + ", alg " + quoted(text(header.get(), "alg")) + "): a key the server has not fetched yet,"
                + " another identity provider's key, or a token changed after it was signed");
    }

    private Optional<String> fault(JsonObject header, JsonObject claims, Instant now) {
        String algorithm = text(header, "alg");
        if (!ALGORITHMS.contains(algorithm)) {
            return Optional.of("algorithm " + quoted(algorithm) + " is not accepted (RS256 or ES256)");
        }
        for (String claim : REQUIRED_CLAIMS) {
            if (!claims.containsKey(claim)) {
                return Optional.of("it has no " + claim + " claim (MP-JWT requires " + String.join(", ", REQUIRED_CLAIMS) + ")");
            }
        }
        String tokenIssuer = text(claims, "iss");
        if (issuer != null && !issuer.equals(tokenIssuer)) {
            return Optional.of("issuer " + quoted(tokenIssuer) + " is not the configured " + quoted(issuer)
                    + " (mp.jwt.verify.issuer)");
        }
        Set<String> audience = ClaimValues.of(claims.get("aud"));
        if (!audiences.isEmpty() && Collections.disjoint(audience, audiences)) {
            return Optional.of("audience " + quoted(String.join(",", new TreeSet<>(audience)))
                    + " is none of the configured " + quoted(String.join(",", new TreeSet<>(audiences)))
                    + " (mp.jwt.verify.audiences)");
        }
        Optional<BigDecimal> expires = NumericDate.of(claims.get("exp"));
        if (expires.isEmpty()) {
            return Optional.of("its exp claim is not a number of seconds");
        }
        if (expires.get().add(BigDecimal.valueOf(skew.toSeconds())).compareTo(BigDecimal.valueOf(now.getEpochSecond())) < 0) {
            return Optional.of("it expired at " + instant(expires.get()) + ", "
                    + BigDecimal.valueOf(now.getEpochSecond()).subtract(expires.get()).setScale(0, RoundingMode.FLOOR).toPlainString()
                    + " s before it was sent (clock skew allowed: " + skew.toSeconds() + " s, mp.jwt.verify.clock.skew)");
        }
        if (NotBefore.notYetValid(claims.get(NotBefore.CLAIM), now, skew)) {
            return Optional.of("it is not valid before " + NumericDate.of(claims.get(NotBefore.CLAIM)).map(TokenRefusal::instant)
                    .orElse("its nbf, which is not a number") + " (clock skew allowed: " + skew.toSeconds() + " s)");
        }
        String type = text(header, "typ");
        if (type != null && !type.equalsIgnoreCase("JWT")) {
            return Optional.of("its header's typ is " + quoted(type) + ", not JWT");
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> json(String part) {
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (IllegalArgumentException | JsonException notJson) {
            return Optional.empty();
        }
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString string ? string.getString() : null;
    }

    private static String instant(BigDecimal seconds) {
        try {
            return Instant.ofEpochSecond(seconds.setScale(0, RoundingMode.FLOOR).longValueExact()).toString();
        } catch (ArithmeticException | DateTimeException beyondAnyInstant) {
            return seconds.toPlainString() + " s after the epoch";
        }
    }

    /** A value from the token, quoted, cut short and with anything but printable ASCII replaced by '?'. */
    static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        return "'" + shown.replaceAll("[^\\x20-\\x7E]", "?") + "'";
    }
}
