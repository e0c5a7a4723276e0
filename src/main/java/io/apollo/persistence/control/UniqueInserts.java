package io.apollo.persistence.control;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/**
 * Inserts a row that several requests or instances may race to create (a new device, a signing
 * key), in a transaction of its own: the loser's duplicate key rolls back only this insert, and
 * the loser goes on with the winner's row instead of failing with a 5xx.
 */
@Stateless
public class UniqueInserts {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    /** @return whether this call inserted the entity; false when another transaction inserted its key first */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean insertUnlessPresent(Object entity) {
        try {
            em.persist(entity);
            em.flush();
            return true;
        } catch (PersistenceException failure) {
            if (!duplicateKey(failure)) {
                throw failure;
            }
            context.setRollbackOnly();
            return false;
        }
    }

    /** SQLSTATE class 23 (integrity constraint violation) anywhere in the cause chain. */
    static boolean duplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
