package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 202 means durably stored (SPEC §4): a server killed with SIGKILL right after answering
 * still has every acknowledged batch in its database file. Runs its own Payara Micro, since
 * Arquillian only stops servers politely.
 */
class PostSamplesDurabilityIT {

    private static final int BATCHES = 40;
    private static final int SAMPLES_PER_BATCH = 50;
    private static final Path SERVER_CONFIG = Path.of(System.getProperty("apollo.serverConfig"));

    private final Path dataDir = Path.of("target", "durability-data-" + System.nanoTime()).toAbsolutePath();
    private final Path log = Path.of("target", "durability-server.log").toAbsolutePath();
    private Process server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void acknowledgedBatchesSurviveAKilledProcess() throws Exception {
        int port = freePort();
        server = start(port);
        Api api = new Api(new URL("http://localhost:" + port + "/"));
        String device = Api.newDevice();
        String token = TestTokens.groups("apollo_write").collections("c1").sign();

        for (int batch = 0; batch < BATCHES; batch++) {
            api.post(device).token(token).body(batch(batch)).send().assertAccepted();
        }
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertEquals(BATCHES * SAMPLES_PER_BATCH, storedSamples(device));
    }

    private static String batch(int batch) {
        StringJoiner samples = new StringJoiner(",", "[", "]");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            samples.add(sample("ts-" + batch, String.valueOf(i), Instant.ofEpochSecond(1_600_000_000L + i).toString()));
        }
        return samples.toString();
    }

    private Process start(int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dapollo.http.address=127.0.0.1",
                "-Dapollo.data.dir=" + dataDir,
                "-Dmp.jwt.verify.publickey.location=file:" + Path.of("src/test/resources/test-public-key.pem").toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER,
                "-Dmp.jwt.verify.audiences=" + TestTokens.AUDIENCE,
                "-jar", System.getProperty("payara.microJar"),
                "--nohazelcast", "--port", String.valueOf(port), "--contextroot", "/",
                "--prebootcommandfile", SERVER_CONFIG.resolve("payara/pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", SERVER_CONFIG.resolve("payara/post-boot-commands.asadmin").toString(),
                "--deploy", System.getProperty("apollo.war")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!Files.readString(log).contains("ready in")) {
            assertTrue(process.isAlive() && Instant.now().isBefore(deadline), "Payara Micro did not start; see " + log);
            Thread.sleep(250);
        }
        return process;
    }

    private int storedSamples(String device) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("apollo"), "apollo", "apollo");
                PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM samples WHERE device_id = ?")) {
            count.setString(1, device);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
