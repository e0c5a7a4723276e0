package io.apollo.persistence.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's datasource for the service, for the code that needs plain JDBC outside of JPA
 * (migrations, the readiness check). Looked up by its JNDI name, {@code jdbc/apollo} by default
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
}
