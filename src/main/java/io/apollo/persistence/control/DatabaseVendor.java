package io.apollo.persistence.control;

import java.sql.Connection;
import java.sql.SQLException;

/** The databases the service runs on; the one place that tells them apart. */
public enum DatabaseVendor {

    H2("h2"),
    POSTGRESQL("postgresql");

    private final String folder;

    DatabaseVendor(String folder) {
        this.folder = folder;
    }

    /** The database behind a connection; any other than H2 and PostgreSQL is refused. */
    public static DatabaseVendor of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "H2" -> H2;
            case "PostgreSQL" -> POSTGRESQL;
            default -> throw new IllegalStateException("Unsupported database " + product + ": use H2 or PostgreSQL");
        };
    }

    /** Its folder of migration scripts under {@code db/migration}. */
    public String folder() {
        return folder;
    }
}
