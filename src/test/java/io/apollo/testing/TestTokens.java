package io.apollo.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints a fresh token per call, signed with the test key the test server trusts
 * (src/test/resources), or deliberately wrong in one respect.
 */
public final class TestTokens {

    public static final String ISSUER = "apollo-test";
    public static final String AUDIENCE = "apollo";
    private static final PrivateKey TEST_KEY = load("/test-private-key.pem");

    private String issuer = ISSUER;
    private String audience = AUDIENCE;
    private List<String> groups = List.of();
    private String scope;
    private Object collections;
    private String collectionsClaim = "collections";
    private Instant expires = Instant.now().plus(Duration.ofMinutes(5));
    private Instant notBefore;
    private String keyId;
    private PrivateKey key = TEST_KEY;

    private TestTokens() {
    }

    /** A token with these scopes in the MP-JWT {@code groups} claim. */
    public static TestTokens groups(String... scopes) {
        TestTokens token = new TestTokens();
        token.groups = List.of(scopes);
        return token;
    }

    /** A token with its scopes in one OAuth {@code scope} string, and no groups. */
    public static TestTokens scope(String scope) {
        TestTokens token = new TestTokens();
        token.scope = scope;
        return token;
    }

    public TestTokens collections(String... collections) {
        this.collections = List.of(collections);
        return this;
    }

    /** Puts the collections in a claim of another name. */
    public TestTokens collectionsClaim(String name) {
        this.collectionsClaim = name;
        return this;
    }

    /** The collections claim as one space- or comma-separated string. */
    public TestTokens collectionsString(String collections) {
        this.collections = collections;
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestTokens expired() {
        this.expires = Instant.now().minus(Duration.ofMinutes(10));
        return this;
    }

    public TestTokens expiresAt(Instant expires) {
        this.expires = expires;
        return this;
    }

    /** No {@code exp} claim at all. */
    public TestTokens withoutExpiry() {
        this.expires = null;
        return this;
    }

    /** An {@code nbf} claim: not valid before then. */
    public TestTokens notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return this;
    }

    /** A {@code kid} in the header, naming the key that signed it. */
    public TestTokens keyId(String keyId) {
        this.keyId = keyId;
        return this;
    }

    public TestTokens signedWithAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.key = generator.generateKeyPair().getPrivate();
            return this;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String sign() {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(),
                claims());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The same claims signed with ECDSA P-256 and SHA-256 (ES256, which SPEC §2 allows besides RS256). */
    public String signedEs256(ECPrivateKey ecKey) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(keyId)
                .build(), claims());
        try {
            jwt.sign(new ECDSASigner(ecKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The same claims with {@code "alg": "none"} and no signature. */
    public String unsigned() {
        return new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(), claims()).serialize();
    }

    /** The same claims signed with HMAC-SHA256 over {@code secret}: the key confusion attack, given a public key. */
    public String signedHs256(byte[] secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private JWTClaimsSet claims() {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("test-user")
                .claim("upn", "test-user")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(expires == null || now.isBefore(expires) ? now : expires.minus(Duration.ofMinutes(5))));
        if (expires != null) {
            claims.expirationTime(Date.from(expires));
        }
        if (notBefore != null) {
            claims.notBeforeTime(Date.from(notBefore));
        }
        if (!groups.isEmpty()) {
            claims.claim("groups", groups);
        }
        if (scope != null) {
            claims.claim("scope", scope);
        }
        if (collections != null) {
            claims.claim(collectionsClaim, collections);
        }
        return claims.build();
    }

    /** The public half of the test key, as the test servers trust it (src/test/resources/test-public-key.pem). */
    public static RSAPublicKey publicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der("/test-public-key.pem")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the test public key", e);
        }
    }

    private static PrivateKey load(String resource) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(resource)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the test key " + resource, e);
        }
    }

    /** The bytes a PEM resource holds between its BEGIN and END lines. */
    private static byte[] der(String resource) {
        try (InputStream pem = TestTokens.class.getResourceAsStream(resource)) {
            return Base64.getMimeDecoder().decode(new String(pem.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
