package io.apollo.persistence.boundary;

import io.apollo.persistence.control.DatabaseVendor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Work that at most one instance of the service does at a time (the retention purge), however
 * many share the database. On PostgreSQL an instance takes a session-level advisory lock, on a
 * connection of its own outside any transaction, without waiting: an instance that finds it taken
 * skips its turn, and the lock goes with the session when an instance dies. An H2 file database
 * is opened by one process only, so there it is always this instance's turn.
 *
 * <p>Call it outside a transaction: the work's own transactions are the caller's business.
 */
@ApplicationScoped
public class ExclusiveRuns {

    @Inject
    DataSource database;

    @Inject
    DatabaseVendor vendor;

    /**
     * @param key the work's lock, the same on every instance
     * @return what the work returned, or empty when another instance is doing it
     */
    public OptionalLong runAlone(long key, LongSupplier work) {
        if (vendor == DatabaseVendor.H2) {
            return OptionalLong.of(work.getAsLong());
        }
        try (Connection session = database.getConnection()) {
            if (!call(session, "SELECT pg_try_advisory_lock(?)", key)) {
                return OptionalLong.empty();
            }
            long done;
            try {
                done = work.getAsLong();
            } catch (RuntimeException failure) {
                unlock(session, key, failure);
                throw failure;
            }
            unlock(session, key, null);
            return OptionalLong.of(done);
        } catch (SQLException failure) {
            throw new IllegalStateException("Taking or releasing advisory lock " + key + " failed", failure);
        }
    }

    /**
     * Releases the lock, or fails loudly (with the work's own failure, if any, kept as the cause):
     * a pooled connection that went back still holding it would stop the work on every instance.
     */
    private static void unlock(Connection session, long key, RuntimeException workFailure) throws SQLException {
        boolean released;
        try {
            released = call(session, "SELECT pg_advisory_unlock(?)", key);
        } catch (SQLException failure) {
            if (workFailure != null) {
                failure.addSuppressed(workFailure);
            }
            throw failure;
        }
        if (!released) {
            throw new IllegalStateException("Advisory lock " + key + " was not held when released", workFailure);
        }
    }

    private static boolean call(Connection session, String sql, long key) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
