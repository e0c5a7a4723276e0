package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apollo.testing.Api;
import io.apollo.testing.PayaraProcess;
import io.apollo.testing.TestDatabase;
import io.apollo.testing.TestTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * A 202 means durably stored (SPEC §4): a server killed with SIGKILL right after answering
 * still has every acknowledged batch in its database (the H2 file, or PostgreSQL).
 */
class PostSamplesDurabilityIT {

    private static final int BATCHES = 40;
    private static final int SAMPLES_PER_BATCH = 50;

    private final Path dataDir = Path.of("target", "durability-data-" + System.nanoTime()).toAbsolutePath();

    @Test
    void acknowledgedBatchesSurviveAKilledProcess() throws Exception {
        String device = Api.newDevice();
        try (PayaraProcess server = PayaraProcess.start("durability-server", dataDir)) {
            Api api = server.api();
            String token = TestTokens.groups("apollo_write").collections("c1").sign();
            for (int batch = 0; batch < BATCHES; batch++) {
                api.post(device).token(token).body(batch(batch)).send().assertAccepted();
            }
            server.kill();
        }

        assertEquals(BATCHES * SAMPLES_PER_BATCH, storedSamples(device));
    }

    private static String batch(int batch) {
        StringJoiner samples = new StringJoiner(",", "[", "]");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            samples.add(sample("ts-" + batch, String.valueOf(i), Instant.ofEpochSecond(1_600_000_000L + i).toString()));
        }
        return samples.toString();
    }

    private int storedSamples(String device) throws SQLException {
        try (Connection db = TestDatabase.connect(dataDir);
                PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM samples WHERE device_id = ?")) {
            count.setString(1, device);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
