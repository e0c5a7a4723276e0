package io.apollo.persistence.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.Samples;
import io.apollo.testing.TestDatabase;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonArray;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.tools.RunScript;
import org.junit.jupiter.api.Test;

/** The schema is brought up to date by the migrations at start-up, once, and keeps what a database held. */
class MigrationsIT {

    /** The versions recorded (Flyway also records, without a version, that it created its own table). */
    private static final String HISTORY = "SELECT \"version\", \"type\", \"success\" FROM \"flyway_schema_history\""
            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"";

    @Test
    void aFreshDatabaseEndsAtTheLatestVersionAndASecondStartAppliesNothing() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "migrations-fresh");
        String vendor = TestDatabase.postgresql() ? "postgresql" : "h2";
        List<String> versions = MigrationScripts.versions(vendor);
        String fresh = "apollo_fresh_" + System.nanoTime();
        Map<String, String> environment = TestDatabase.postgresql()
                ? Map.of("APOLLO_DB_URL", TestDatabase.postgresqlDatabase(fresh)) : Map.of();
        if (TestDatabase.postgresql()) {
            postgresql("CREATE DATABASE " + fresh);
        }
        try {
            try (PayaraProcess server = PayaraProcess.start("migrations-fresh-1-server", dataDir, List.of(), environment)) {
                assertTrue(server.log().contains("Database schema at version " + versions.get(versions.size() - 1)
                        + ", " + versions.size() + " migration(s) applied"), "see target/migrations-fresh-1-server.log");
                server.stop();
            }
            List<String> history = history(dataDir, environment);
            assertEquals(versions.stream().map(version -> version + " SQL true").toList(), history);

            try (PayaraProcess server = PayaraProcess.start("migrations-fresh-2-server", dataDir, List.of(), environment)) {
                assertTrue(server.log().contains("(no migration to apply)"), "see target/migrations-fresh-2-server.log");
                String device = Api.newDevice();
                String token = TestTokens.groups("apollo_write").collections("c").sign();
                server.api().post(device).token(token).body(Samples.batchOf(2)).send().assertAccepted();
                assertEquals(2, server.api().get(device, "").token(token).send().json().getJsonArray("data").size());
                server.stop();
            }
            assertEquals(history, history(dataDir, environment));
        } finally {
            if (TestDatabase.postgresql()) {
                postgresql("DROP DATABASE IF EXISTS " + fresh);
            }
        }
    }

    /**
     * A database of the first release (its schema created by a script at deployment, so no
     * history) with data in it: recorded at version 1, upgraded, nothing lost. That release ran
     * on H2 only.
     */
    @Test
    void aFirstReleaseDatabaseUpgradesWithItsData() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "migrations-upgrade");
        try (Connection db = h2(dataDir); Statement sql = db.createStatement()) {
            RunScript.execute(db, new InputStreamReader(
                    MigrationsIT.class.getResourceAsStream("/release-1.0/schema.sql"), StandardCharsets.UTF_8));
            sql.executeUpdate("INSERT INTO devices (device_id, collection_id) VALUES ('legacy', 'c')");
            sql.executeUpdate("INSERT INTO samples VALUES ('legacy', 'ts', 'Raw', TIMESTAMP WITH TIME ZONE"
                    + " '2018-01-27 00:00:00+00', '6.50', TRUE, TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00')");
            sql.executeUpdate("INSERT INTO samples VALUES ('legacy', 'ts', 'Raw', TIMESTAMP WITH TIME ZONE"
                    + " '2018-01-27 00:15:00+00', 'seven', FALSE, TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00')");
        }

        try (PayaraProcess server = PayaraProcess.start("migrations-upgrade-server", dataDir, List.of(), Map.of(),
                Path.of(System.getProperty("apollo.war")), TestDatabase.h2PostBootCommands())) {
            String token = TestTokens.groups("apollo_write").collections("c").sign();
            JsonArray kept = server.api().get("legacy", "").token(token).send().json().getJsonArray("data");
            assertEquals("[{\"timeseriesId\":\"ts\",\"metric\":\"Raw\",\"timestamp\":\"2018-01-27T00:00:00+00:00\","
                    + "\"unixTimestamp\":1517011200000,\"ingestUnixTimestamp\":1577836800000,\"val\":6.50},"
                    + "{\"timeseriesId\":\"ts\",\"metric\":\"Raw\",\"timestamp\":\"2018-01-27T00:15:00+00:00\","
                    + "\"unixTimestamp\":1517012100000,\"ingestUnixTimestamp\":1577836800000,\"val\":\"seven\"}]",
                    kept.toString());
            server.api().post("legacy").token(token)
                    .body(Samples.batch(Samples.sample("ts", "8", "2018-01-27T00:30:00Z"))).send().assertAccepted();
            assertEquals(3, server.api().get("legacy", "").token(token).send().json().getJsonArray("data").size());
            server.stop();
        }

        List<String> versions = MigrationScripts.versions("h2");
        List<String> expected = new ArrayList<>(List.of(SchemaMigrations.FIRST_VERSION + " BASELINE true"));
        versions.stream().skip(1).map(version -> version + " SQL true").forEach(expected::add);
        try (Connection db = h2(dataDir)) {
            assertEquals(expected, history(db));
        }
    }

    private static List<String> history(Path dataDir, Map<String, String> environment) throws SQLException {
        String url = environment.get("APOLLO_DB_URL");
        try (Connection db = url == null ? TestDatabase.connect(dataDir) : TestDatabase.connectPostgresql(url)) {
            return history(db);
        }
    }

    private static List<String> history(Connection db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement sql = db.createStatement(); ResultSet history = sql.executeQuery(HISTORY)) {
            while (history.next()) {
                rows.add(history.getString(1) + " " + history.getString(2) + " " + history.getBoolean(3));
            }
        }
        return rows;
    }

    private static Connection h2(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("apollo"), "apollo", "apollo");
    }

    private static void postgresql(String statement) throws SQLException {
        try (Connection admin = TestDatabase.connectPostgresql(System.getenv("APOLLO_DB_URL"));
                Statement sql = admin.createStatement()) {
            sql.execute(statement);
        }
    }
}
