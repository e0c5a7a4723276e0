package io.apollo.samples.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Locks a device's row for the caller's transaction ({@code SELECT ... FOR UPDATE}), so that
 * batches of one device are written one after the other, whichever instance receives them. A
 * plain statement: EclipseLink prepares a locking find anew on every call.
 */
@Dependent
public class DeviceLock {

    static final String LOCK = "SELECT collection_id FROM devices WHERE device_id = ? FOR UPDATE";

    @PersistenceContext
    EntityManager em;

    /** The locked device's collection, or empty when there is no such device (nothing locked). */
    public Optional<String> lock(String deviceId) {
        // Owned by the persistence context for the transaction: used, not closed, here.
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setString(1, deviceId);
            try (ResultSet device = lock.executeQuery()) {
                return device.next() ? Optional.of(device.getString(1)) : Optional.empty();
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("Locking device " + deviceId + " failed", failure);
        }
    }
}
