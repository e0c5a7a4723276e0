package io.apollo.samples.control;

import io.apollo.samples.entity.Device;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Creates a device in a transaction of its own, so that when two first POSTs race, the loser's
 * duplicate key only rolls back this insert; its request then reads the winner's device and
 * goes on (or gets 403) instead of failing with a 5xx.
 */
@Stateless
public class DeviceRegistration {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    /** Creates the device, unless another request just did. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void register(String deviceId, String collectionId, OffsetDateTime now) {
        try {
            em.persist(new Device(deviceId, collectionId, now));
            em.flush();
        } catch (PersistenceException failure) {
            if (!isIntegrityViolation(failure)) {
                throw failure;
            }
            context.setRollbackOnly();
        }
    }

    /** SQLSTATE class 23: the device's key was taken by another transaction. */
    private static boolean isIntegrityViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
