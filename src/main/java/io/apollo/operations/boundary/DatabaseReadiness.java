package io.apollo.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: DOWN (503) while the database cannot hand out a working connection,
 * so that a load balancer stops sending requests this instance could not store.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "database";
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());

    @Inject
    DataSource database;

    private final AtomicBoolean wasUp = new AtomicBoolean(true);

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = database.getConnection()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                if (!wasUp.getAndSet(true)) {
                    LOG.info("Database reachable again: ready");
                }
                return HealthCheckResponse.up(NAME);
            }
            return down("the connection did not validate", null);
        } catch (SQLException e) {
            return down(e.getMessage(), e);
        }
    }

    /** Probes the database now, as {@code /health/ready} does: whether it answered. */
    public boolean reachable() {
        return call().getStatus() == HealthCheckResponse.Status.UP;
    }

    /** Logged once when the database goes away, not on every probe while it stays away. */
    private HealthCheckResponse down(String reason, SQLException failure) {
        if (wasUp.getAndSet(false)) {
            LOG.log(Level.WARNING, "Database unreachable, not ready: " + reason, failure);
        }
        return HealthCheckResponse.down(NAME);
    }
}
