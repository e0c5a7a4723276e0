package io.apollo.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The log of the server the black-box suite runs on (pom.xml: {@code it.serverLog}): Payara
 * Micro's records in a file besides its console (src/test/resources/payara-it-logging.properties),
 * or WildFly's server.log. A test marks where the log ends, makes the server log something, and
 * reads what was written since.
 */
public final class ServerLog {

    private final Path file;
    private final long mark;

    private ServerLog(Path file, long mark) {
        this.file = file;
        this.mark = mark;
    }

    /** The log from its current end on. */
    public static ServerLog fromNow() throws IOException {
        Path file = Path.of(System.getProperty("it.serverLog"));
        return new ServerLog(file, Files.size(file));
    }

    /** What was written since the mark. */
    public String written() throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            if (log.length() < mark) {
                throw new IllegalStateException(file + " was rotated while a test read it");
            }
            byte[] written = new byte[Math.toIntExact(log.length() - mark)];
            log.seek(mark);
            log.readFully(written);
            return new String(written, StandardCharsets.UTF_8);
        }
    }

    /** What was written since the mark, once it holds what {@code done} waits for (logs follow responses). */
    public String writtenOnce(Predicate<String> done) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        String written = written();
        while (!done.test(written) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(50);
            written = written();
        }
        return written;
    }
}
