package io.apollo.persistence.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Inserts a row that several requests or instances may race to create (a new device, a signing
 * key), in the caller's transaction: a racer waits until the transaction that inserted the key
 * first ends, then, if it committed, goes on with the winner's row (and its own transaction
 * intact) instead of failing with a 5xx.
 *
 * <p>By JDBC, not {@code persist}: a race is expected, not an error, and EclipseLink logs every
 * failed statement as a WARNING (on WildFly an empty line per lost race). PostgreSQL is told to do
 * nothing on the key's conflict; H2, which has no such clause, answers a duplicate key, which
 * rolls back that statement only and is caught here. In the caller's transaction, not one of its
 * own: one of its own took a second pooled connection while the caller held one, and 32 first
 * batches at once held the whole pool waiting for a second (500s after the pool's wait). The
 * price: a racer waits for the winner's whole transaction (a batch), up to the database's lock
 * timeout (H2: LOCK_TIMEOUT, 30 s), as a batch waits for another batch of the same series anyway.
 */
@Dependent
public class UniqueInserts {

    @PersistenceContext
    EntityManager em;

    @Inject
    DatabaseVendor vendor;

    /**
     * Inserts one row whose first column is its primary key.
     *
     * @param columns the row's columns, the key first
     * @param values their values, in the same order
     * @return whether this call inserted the row; false when another transaction inserted its key first
     */
    public boolean insertUnlessPresent(String table, List<String> columns, List<String> values) {
        try (PreparedStatement insert = em.unwrap(Connection.class).prepareStatement(insert(vendor, table, columns))) {
            for (int i = 0; i < values.size(); i++) {
                insert.setString(i + 1, values.get(i));
            }
            return insert.executeUpdate() == 1;
        } catch (SQLException failure) {
            if (!duplicateKey(failure)) {
                throw new IllegalStateException("Inserting into " + table + " failed", failure);
            }
            return false;
        }
    }

    static String insert(DatabaseVendor vendor, String table, List<String> columns) {
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return switch (vendor) {
            case H2 -> insert;
            case POSTGRESQL -> insert + " ON CONFLICT (" + columns.get(0) + ") DO NOTHING";
        };
    }

    /** SQLSTATE 23505 (unique violation) anywhere in the cause chain; any other constraint is a fault. */
    static boolean duplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
