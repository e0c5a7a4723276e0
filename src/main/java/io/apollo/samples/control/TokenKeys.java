package io.apollo.samples.control;

import io.apollo.persistence.control.UniqueInserts;
import io.apollo.samples.entity.TokenKey;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The signing key for one purpose: read from the database, or created there by the first
 * instance that needs it. Instances starting together race to create it; the losers read the
 * winner's.
 */
@Stateless
public class TokenKeys {

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    UniqueInserts inserts;

    /** The purpose's key, created now unless it exists. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public byte[] forPurpose(String purpose) {
        TokenKey key = em.find(TokenKey.class, purpose);
        if (key == null) {
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            if (inserts.insertUnlessPresent("token_keys", List.of("purpose", "key_base64"),
                    List.of(purpose, Base64.getEncoder().encodeToString(fresh)))) {
                return fresh;
            }
            key = em.find(TokenKey.class, purpose);
            if (key == null) {
                throw new IllegalStateException("Token key " + purpose + " could neither be created nor found");
            }
        }
        return key.key();
    }
}
