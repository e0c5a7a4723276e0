package io.apollo.persistence.boundary;

import io.apollo.persistence.control.DatabaseVendor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's datasource for the service, for the code that needs plain JDBC outside of JPA
 * (migrations, the readiness check), and the kind of database it is. Looked up by its JNDI name, {@code jdbc/apollo} by default
 * as {@code persistence.xml} names it; a server that binds it elsewhere sets {@value #NAME}.
 */
@ApplicationScoped
public class Database {

    static final String NAME = "apollo.datasource";

    @Produces
    @ApplicationScoped
    DataSource dataSource(@ConfigProperty(name = NAME, defaultValue = "jdbc/apollo") String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("No datasource at " + name + " (set " + NAME + ")", e);
        }
    }

    /** The kind of database behind it, asked once: it does not change while the service runs. */
    @Produces
    @Singleton
    DatabaseVendor vendor(DataSource database) {
        try (Connection connection = database.getConnection()) {
            return DatabaseVendor.of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Connecting to the database failed", e);
        }
    }
}
