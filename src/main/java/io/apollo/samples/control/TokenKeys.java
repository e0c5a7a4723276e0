package io.apollo.samples.control;

import io.apollo.persistence.control.DuplicateKeys;
import io.apollo.samples.entity.TokenKey;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.util.Base64;

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

    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public byte[] existing(String purpose) {
        TokenKey key = em.find(TokenKey.class, purpose);
        return key == null ? null : Base64.getDecoder().decode(key.keyBase64());
    }

    /** Creates a fresh key for the purpose, unless another instance just did. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(String purpose) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            em.persist(new TokenKey(purpose, Base64.getEncoder().encodeToString(key)));
            em.flush();
        } catch (PersistenceException failure) {
            if (!DuplicateKeys.causedBy(failure)) {
                throw failure;
            }
            context.setRollbackOnly();
        }
    }
}
