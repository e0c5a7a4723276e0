package io.apollo.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro of the test's own, for what Arquillian cannot do: kill a server, or start
 * another on the same database. Configured as the Arquillian servers are (pom.xml), on the
 * suite's database ({@link TestDatabase}) unless told otherwise, on a free port; its output goes
 * to {@code target/<name>.log}.
 */
public final class PayaraProcess implements AutoCloseable {

    private static final Path SERVER_CONFIG = Path.of(System.getProperty("apollo.serverConfig"));

    private final Process process;
    private final int port;
    private final Path log;

    private PayaraProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the built WAR on a database in {@code dataDir} and waits until it serves. */
    public static PayaraProcess start(String name, Path dataDir) throws IOException, InterruptedException {
        return start(name, dataDir, List.of(), Map.of());
    }

    /** The same, with more system properties ({@code -Dname=value}, overriding the defaults here) and environment variables. */
    public static PayaraProcess start(String name, Path dataDir, List<String> systemProperties,
            Map<String, String> environment) throws IOException, InterruptedException {
        return start(name, dataDir, systemProperties, environment, Path.of(System.getProperty("apollo.war")),
                TestDatabase.postBootCommands());
    }

    /** The same, deploying another WAR, set up by other post-boot commands. */
    public static PayaraProcess start(String name, Path dataDir, List<String> systemProperties,
            Map<String, String> environment, Path war, Path postBootCommands) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // Payara Micro leaves its runtime directory (about 100 MB) behind: in target/, not /tmp.
                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl",
                "-Duser.timezone=Europe/Berlin",
                "-Dapollo.http.address=127.0.0.1",
                "-Dapollo.data.dir=" + dataDir.toAbsolutePath(),
                "-Dmp.jwt.verify.publickey.location=file:"
                        + Path.of("src/test/resources/test-public-key.pem").toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER,
                "-Dmp.jwt.verify.audiences=" + TestTokens.AUDIENCE,
                "-jar", System.getProperty("payara.microJar"),
                "--nohazelcast", "--port", String.valueOf(port), "--contextroot", "/",
                "--prebootcommandfile", SERVER_CONFIG.resolve("payara/pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", postBootCommands.toString(),
                "--deploy", war.toString()));
        command.addAll(command.indexOf("--deploy"), TestDatabase.driverOptions());
        command.addAll(command.indexOf("-jar"), systemProperties);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        PayaraProcess server = new PayaraProcess(process, port, log);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!Files.readString(log).contains("ready in")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                server.kill();
                assertTrue(false, "Payara Micro did not start; see " + log);
            }
            Thread.sleep(250);
        }
        return server;
    }

    public Api api() {
        try {
            return new Api(new URL("http://localhost:" + port + "/"));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the server has written to its standard output and error so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** An orderly stop (SIGTERM), as an operator's restart would do. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
