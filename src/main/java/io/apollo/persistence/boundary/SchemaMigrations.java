package io.apollo.persistence.boundary;

import io.apollo.persistence.control.DatabaseVendor;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database to the schema this version needs, at deployment, before the application
 * serves its first request: the versioned scripts of {@code db/migration/<database>}, applied
 * once each and recorded in {@code flyway_schema_history}. Instances starting together on one
 * PostgreSQL database take turns (Flyway holds an advisory lock while it migrates).
 *
 * <p>A database of the first release (H2 only), whose schema was created by a script at
 * deployment, has no history yet: it is recorded as being at version 1 (that script's schema) and
 * upgraded from there. Any other database with tables but no history is refused (Flyway will not
 * migrate a non-empty schema it has no history of), never guessed at.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

    static final String FIRST_VERSION = "1";
    static final String LOCATION = "classpath:db/migration";
    /** What the first release's script created. */
    private static final String[] FIRST_RELEASE_TABLES = {"devices", "samples", "token_keys"};
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Inject
    DataSource database;

    @Inject
    DatabaseVendor vendor;

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(database)
                .locations(LOCATION + "/" + vendor.folder())
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .baselineVersion(FIRST_VERSION)
                .baselineDescription("schema of the first release, created before migrations")
                .load();
        if (vendor == DatabaseVendor.H2 && isFirstReleaseWithoutHistory()) {
            flyway.baseline();
        }
        int applied = flyway.migrate().migrationsExecuted;
        String version = flyway.info().current().getVersion().getVersion();
        LOG.info(() -> "Database schema at version " + version
                + (applied == 0 ? " (no migration to apply)" : ", " + applied + " migration(s) applied"));
    }

    private boolean isFirstReleaseWithoutHistory() {
        try (Connection connection = database.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            if (hasTable(metaData, "flyway_schema_history")) {
                return false;
            }
            for (String table : FIRST_RELEASE_TABLES) {
                if (!hasTable(metaData, table)) {
                    return false;
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the database's tables failed", e);
        }
    }

    /** In the connection's schema, whatever case the database keeps unquoted names in. */
    private static boolean hasTable(DatabaseMetaData metaData, String name) throws SQLException {
        String schema = metaData.getConnection().getSchema();
        for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet tables = metaData.getTables(null, schema, candidate, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
