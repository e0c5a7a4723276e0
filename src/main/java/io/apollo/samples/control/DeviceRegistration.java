package io.apollo.samples.control;

import io.apollo.persistence.control.DuplicateKeys;
import io.apollo.samples.entity.Device;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

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
    public void register(String deviceId, String collectionId) {
        try {
            em.persist(new Device(deviceId, collectionId));
            em.flush();
        } catch (PersistenceException failure) {
            if (!DuplicateKeys.causedBy(failure)) {
                throw failure;
            }
            context.setRollbackOnly();
        }
    }
}
