package io.apollo.samples.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Base64;

/**
 * A secret key the service signs its tokens with, kept in the database so that every instance
 * sharing the database signs and checks with the same key, with nothing to configure.
 */
@Entity
@Table(name = "token_keys")
public class TokenKey {

    public static final int PURPOSE_LENGTH = 64;
    public static final int KEY_LENGTH = 128;

    @Id
    @Column(name = "purpose", length = PURPOSE_LENGTH)
    private String purpose;

    @Column(name = "key_base64", length = KEY_LENGTH, nullable = false, updatable = false)
    private String keyBase64;

    protected TokenKey() {
    }

    public byte[] key() {
        return Base64.getDecoder().decode(keyBase64);
    }
}
