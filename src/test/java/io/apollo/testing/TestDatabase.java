package io.apollo.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The database the integration suite runs on: an H2 file database per server data directory by
 * default, or the PostgreSQL database of {@code APOLLO_DB_URL} with {@code -Ppostgresql}.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** The post-boot commands that set up the servers' database (pom.xml: apollo.postBootCommands). */
    public static Path postBootCommands() {
        return Path.of(System.getProperty("it.postBootCommands"));
    }

    /** The H2 set-up, whatever the suite runs on. */
    public static Path h2PostBootCommands() {
        return Path.of(System.getProperty("apollo.serverConfig"), "payara", "post-boot-commands.asadmin");
    }

    public static boolean postgresql() {
        return postBootCommands().getFileName().toString().contains("postgresql");
    }

    /** Payara Micro options that add the database driver to the server, when it needs one. */
    public static List<String> driverOptions() {
        String libs = System.getProperty("it.addLibs", "");
        return libs.isBlank() ? List.of() : List.of("--addlibs", libs);
    }

    /** The database a server started on {@code dataDir} writes to (one shared PostgreSQL database, or H2 files there). */
    public static Connection connect(Path dataDir) throws SQLException {
        return postgresql() ? connectPostgresql(System.getenv("APOLLO_DB_URL"))
                : DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("apollo"), "apollo", "apollo");
    }

    /** A database of the configured PostgreSQL server, with the suite's credentials. */
    public static Connection connectPostgresql(String url) throws SQLException {
        return DriverManager.getConnection(url, System.getenv("APOLLO_DB_USER"), System.getenv("APOLLO_DB_PASSWORD"));
    }

    /** The URL of another database on the configured PostgreSQL server. */
    public static String postgresqlDatabase(String name) {
        String url = System.getenv("APOLLO_DB_URL");
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : url.substring(query));
    }
}
