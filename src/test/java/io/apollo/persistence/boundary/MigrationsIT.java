package io.apollo.persistence.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.Samples;
import io.apollo.testing.TestDatabase;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
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

    /**
     * A database of the release before the series keys (schema version 1, on H2 or PostgreSQL),
     * holding samples of two devices whose series share instants: upgraded with every value, time
     * and ingest time, and a continuation token that release issued goes on where it stopped.
     */
    @Test
    void aVersionOneDatabaseUpgradesWithItsDataAndItsContinuationTokens() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "migrations-v1");
        String fresh = "apollo_v1_" + System.nanoTime();
        Map<String, String> environment = TestDatabase.postgresql()
                ? Map.of("APOLLO_DB_URL", TestDatabase.postgresqlDatabase(fresh)) : Map.of();
        try {
            String url = atVersion("1", dataDir, fresh, environment);
            byte[] tokenKey = new byte[32];
            Arrays.fill(tokenKey, (byte) 7);
            try (Connection db = DriverManager.getConnection(url, user(), password()); Statement sql = db.createStatement()) {
                sql.executeUpdate("INSERT INTO devices (device_id, collection_id) VALUES ('d1', 'c'), ('d2', 'c')");
                // Timeseries "b" first, so that it is likely to get the smaller series key.
                for (String series : List.of("d1/b/Raw", "d1/a/Raw", "d1/a/Avg", "d2/b/Raw")) {
                    String[] key = series.split("/");
                    for (int second = 0; second < 3; second++) {
                        sql.executeUpdate("INSERT INTO samples (device_id, timeseries_id, metric, sample_time, value_text,"
                                + " value_is_number, ingested_at) VALUES ('" + key[0] + "', '" + key[1] + "', '" + key[2]
                                + "', TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:0" + second + "+00', '" + series + second
                                + "', FALSE, TIMESTAMP WITH TIME ZONE '2021-01-01 00:00:00+00')");
                    }
                }
                sql.executeUpdate("INSERT INTO token_keys (purpose, key_base64) VALUES ('continuation-token', '"
                        + Base64.getEncoder().encodeToString(tokenKey) + "')");
            }
            // As that release signed the cursor after a first page of 5, ending with d1's a/Raw at 00:00:01.
            String cursor = Instant.parse("2020-01-01T00:00:01Z").toEpochMilli() * 1000 + "\n" + base64url("a") + "\n"
                    + base64url("Raw");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenKey, "HmacSHA256"));
            String token = base64url(cursor) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                    ("{\"deviceId\":\"d1\",\"timeseriesIds\":[],\"metric\":null,\"start\":null,\"end\":null,"
                            + "\"descending\":false}\n" + cursor).getBytes(StandardCharsets.UTF_8)));

            try (PayaraProcess server = PayaraProcess.start("migrations-v1-server", dataDir, List.of(),
                    environment)) {
                String reader = TestTokens.groups("apollo_write").collections("c").sign();
                JsonArray all = server.api().get("d1", "limit=1000").token(reader).send().json().getJsonArray("data");
                List<String> expected = new ArrayList<>();
                for (int second = 0; second < 3; second++) {
                    for (String series : List.of("a/Avg", "a/Raw", "b/Raw")) {
                        expected.add(series + " 2020-01-01T00:00:0" + second + "+00:00 d1/" + series + second
                                + " 1609459200000");
                    }
                }
                assertEquals(expected, all.getValuesAs(JsonObject.class).stream().map(MigrationsIT::key).toList());

                Api.Reply next = server.api().get("d1", "limit=4&paginated=true").token(reader)
                        .header("ContinuationToken", token).send();
                assertEquals(expected.subList(5, 9), next.assertEnvelope(200, "").asJsonArray()
                        .getValuesAs(JsonObject.class).stream().map(MigrationsIT::key).toList());
                assertNull(next.header("ContinuationToken"), "the last page");
                assertEquals(3, server.api().get("d2", "").token(reader).send().json().getJsonArray("data").size());
                // Aggregates of whole minutes read the minutes the upgrade computed from the samples (V3).
                assertEquals(List.of("a/Avg 3 \"d1/a/Avg2\"", "a/Raw 3 \"d1/a/Raw2\"", "b/Raw 3 \"d1/b/Raw2\""),
                        server.api().get("d1", "aggregation=last&interval=PT1M").token(reader).send().json()
                                .getJsonArray("data").getValuesAs(JsonObject.class).stream()
                                .map(b -> b.getString("timeseriesId") + "/" + b.getString("metric") + " "
                                        + b.getInt("count") + " " + b.get("val"))
                                .toList());

                // New series and devices get keys of their own after the migrated ones.
                server.api().post("d1").token(reader).body(Samples.batch(Samples.sample("c", "1", "2020-01-01T00:00:00Z")))
                        .send().assertAccepted();
                server.api().post("d3").token(reader).body(Samples.batchOf(2)).send().assertAccepted();
                assertEquals(10, server.api().get("d1", "limit=1000").token(reader).send().json().getJsonArray("data")
                        .size());
                assertEquals(2, server.api().get("d3", "").token(reader).send().json().getJsonArray("data").size());
                server.api().delete("d2", "").token(reader).send().assertEnvelope(200, "");
                assertEquals(0, server.api().get("d2", "").token(reader).send().json().getJsonArray("data").size());
                server.stop();
            }
        } finally {
            if (TestDatabase.postgresql()) {
                postgresql("DROP DATABASE IF EXISTS " + fresh);
            }
        }
    }

    /**
     * A database of the release before the minutes table (schema version 2, on H2 or PostgreSQL):
     * upgraded, its samples' minutes are computed exactly, numbers and strings apart, so that
     * aggregates of whole minutes (read from that table) equal those of the samples.
     */
    @Test
    void aVersionTwoDatabaseUpgradesWithTheMinutesOfItsSamples() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "migrations-v2");
        String fresh = "apollo_v2_" + System.nanoTime();
        Map<String, String> environment = TestDatabase.postgresql()
                ? Map.of("APOLLO_DB_URL", TestDatabase.postgresqlDatabase(fresh)) : Map.of();
        try {
            String url = atVersion("2", dataDir, fresh, environment);
            try (Connection db = DriverManager.getConnection(url, user(), password()); Statement sql = db.createStatement()) {
                sql.executeUpdate("INSERT INTO devices (device_id, collection_id, device_key) VALUES ('d', 'c', 1)");
                sql.executeUpdate("INSERT INTO series (series_key, device_key, timeseries_id, metric) VALUES (1, 1, 't', 'Raw')");
                String[][] samples = {{"00:00:00", "0.1", "TRUE"}, {"00:00:30", "0.2", "TRUE"}, {"00:00:59.999999", "x", "FALSE"},
                        {"00:01:00", "1e2", "TRUE"}, {"00:02:10", "-3.50", "TRUE"}};
                for (String[] sample : samples) {
                    sql.executeUpdate("INSERT INTO samples (series_key, device_key, sample_time, value_text, value_is_number,"
                            + " ingested_at) VALUES (1, 1, TIMESTAMP WITH TIME ZONE '2020-01-01 " + sample[0] + "+00', '"
                            + sample[1] + "', " + sample[2] + ", TIMESTAMP WITH TIME ZONE '2021-01-01 00:00:00+00')");
                }
            }
            try (PayaraProcess server = PayaraProcess.start("migrations-v2-server", dataDir, List.of(), environment)) {
                String reader = TestTokens.groups("apollo_read").collections("c").sign();
                Map<String, String> expected = Map.of(
                        "sum", "[0.3, 100, -3.5]", "count", "[3, 1, 1]", "min", "[0.1, 100, -3.5]",
                        "first", "[0.1, 1E+2, -3.50]", "last", "[\"x\", 1E+2, -3.50]");
                expected.forEach((function, values) -> assertEquals(values, server.api()
                        .get("d", "aggregation=" + function + "&interval=PT1M").token(reader).send().json()
                        .getJsonArray("data").getValuesAs(JsonObject.class).stream().map(b -> b.get("val").toString())
                        .toList().toString(), function));
                server.stop();
            }
        } finally {
            if (TestDatabase.postgresql()) {
                postgresql("DROP DATABASE IF EXISTS " + fresh);
            }
        }
    }

    /**
     * Creates the database of a test (a fresh PostgreSQL database {@code fresh}, or an H2 file in
     * {@code dataDir}) and migrates it up to {@code version}, as a release of that version left it.
     *
     * @return its JDBC URL
     */
    private static String atVersion(String version, Path dataDir, String fresh, Map<String, String> environment)
            throws SQLException {
        String url = TestDatabase.postgresql() ? environment.get("APOLLO_DB_URL")
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("apollo");
        if (TestDatabase.postgresql()) {
            postgresql("CREATE DATABASE " + fresh);
        }
        Flyway.configure().dataSource(url, user(), password())
                .locations(SchemaMigrations.LOCATION + "/" + (TestDatabase.postgresql() ? "postgresql" : "h2"))
                .target(version).load().migrate();
        return url;
    }

    /** "timeseriesId/metric timestamp value ingestUnixTimestamp" of a GET item. */
    private static String key(JsonObject sample) {
        return sample.getString("timeseriesId") + "/" + sample.getString("metric") + " " + sample.getString("timestamp")
                + " " + sample.getString("val") + " " + sample.getJsonNumber("ingestUnixTimestamp");
    }

    private static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String user() {
        return TestDatabase.postgresql() ? System.getenv("APOLLO_DB_USER") : "apollo";
    }

    private static String password() {
        return TestDatabase.postgresql() ? System.getenv("APOLLO_DB_PASSWORD") : "apollo";
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
