package io.apollo.samples.control;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Paging tokens (docs/api.md §5, §9): the cursor of the last item returned (a sample, a bucket,
 * a series), signed together with the fingerprint of the query it belongs to. Stateless (any
 * instance with the shared key continues any token), keyset-based, and refused when garbage,
 * tampered with, or sent with another query.
 *
 * <p>Form: {@code base64url(epochMicros \n base64url(timeseriesId) \n base64url(metric)) "."
 * base64url(HMAC-SHA256 over the query and the cursor)}.
 */
@ApplicationScoped
public class ContinuationTokens {

    static final String PURPOSE = "continuation-token";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @EJB
    TokenKeys keys;

    private volatile SecretKeySpec key;

    public String issue(String query, Cursor after) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, after.timestamp().toInstant());
        String cursor = micros + "\n" + text(after.timeseriesId()) + "\n" + text(after.metric());
        return ENCODER.encodeToString(cursor.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(
                signature(query, cursor));
    }

    /** @throws InvalidContinuationToken unless this service issued the token for this query's fingerprint */
    public Cursor open(String query, String token) {
        try {
            int dot = token.indexOf('.');
            String cursor = new String(canonical(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = canonical(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, signature(query, cursor))) {
                throw new InvalidContinuationToken();
            }
            String[] parts = cursor.split("\n", -1);
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            return new Cursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), text(parts, 1), text(parts, 2));
        } catch (IllegalArgumentException | IndexOutOfBoundsException garbage) {
            throw new InvalidContinuationToken();
        }
    }

    /** Only the exact text this service writes: no padding, no alternative encodings. */
    private static byte[] canonical(String base64) {
        byte[] bytes = DECODER.decode(base64);
        if (!ENCODER.encodeToString(bytes).equals(base64)) {
            throw new InvalidContinuationToken();
        }
        return bytes;
    }

    private static String text(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String[] encoded, int index) {
        return new String(DECODER.decode(encoded[index]), StandardCharsets.UTF_8);
    }

    private byte[] signature(String query, String cursor) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            // The fingerprint is JSON (no raw line breaks) and the cursor has no other: the line
            // break separates them unambiguously.
            return mac.doFinal((query + "\n" + cursor).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }

    private SecretKeySpec key() {
        if (key == null) {
            key = new SecretKeySpec(keys.forPurpose(PURPOSE), ALGORITHM);
        }
        return key;
    }
}
