package io.apollo.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * A database several servers use at once, as instances behind a load balancer do: the suite's
 * PostgreSQL database, or an H2 database that this JVM serves over TCP (an H2 file serves one
 * process only), which a test can also stop and start again.
 */
public final class SharedDatabase implements AutoCloseable {

    private static final String FILE_URL = "jdbc\\:h2\\:file\\:${apollo.data.dir}/apollo";

    private final Path postBootCommands;
    private final Path directory;
    private final int port;
    private Server h2;

    private SharedDatabase(Path postBootCommands, Path directory, int port) {
        this.postBootCommands = postBootCommands;
        this.directory = directory;
        this.port = port;
    }

    /** The database the suite runs on, if servers can share it; otherwise an H2 server in {@code directory}. */
    public static SharedDatabase forSuite(Path directory) throws IOException, SQLException {
        return TestDatabase.postgresql() ? new SharedDatabase(TestDatabase.postBootCommands(), directory, 0)
                : h2Server(directory);
    }

    /** An H2 database in {@code directory}, served over TCP on loopback by this JVM. */
    public static SharedDatabase h2Server(Path directory) throws IOException, SQLException {
        String setUp = Files.readString(TestDatabase.h2PostBootCommands());
        assertTrue(setUp.contains(FILE_URL), "the H2 set-up creates the file pool this database replaces");
        int port = freePort();
        Path postBoot = directory.resolve("post-boot-commands-h2-server.asadmin");
        Files.writeString(postBoot, setUp.replace(FILE_URL, "jdbc\\:h2\\:tcp\\://127.0.0.1\\:" + port + "/apollo"));
        SharedDatabase database = new SharedDatabase(postBoot, directory, port);
        database.start();
        return database;
    }

    /** For {@link PayaraProcess#start(String, Path, java.util.List, java.util.Map, Path, Path)}. */
    public Path postBootCommands() {
        return postBootCommands;
    }

    /** Takes the H2 server away, connections and all, as a crashed database server would go. */
    public void stop() {
        h2.stop();
    }

    public void start() throws SQLException {
        h2 = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", directory.toAbsolutePath().toString(),
                "-ifNotExists").start();
    }

    @Override
    public void close() {
        if (h2 != null) {
            h2.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
