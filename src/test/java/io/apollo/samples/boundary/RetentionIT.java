package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Metrics;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retention purge as the job runs it, with a cutoff of the test's choosing (the probe
 * {@code testing/purges}): samples older than the cutoff go, of every device, newer ones stay, and
 * the metrics count them. The period itself, its timer and the refusal of old samples need a
 * server configured for them: ConfigurationIT.
 */
class RetentionIT extends ServerTest {


    private long purge(String olderThan) {
        Api.Reply reply = api.call("POST", "apollo/testing/purges?olderThan=" + olderThan).send();
        assertEquals(200, reply.status(), reply.text());
        return Long.parseLong(reply.text().strip());
    }

    private double purgedTotal() {
        return Metrics.read(api).getOrDefault(Metrics.series("apollo_samples_purged_total"), 0.0);
    }

    private List<String> storedTimestamps(String device) {
        return api.assertMinutesExact(device).getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .map(row -> row.getString("timestamp"))
                .toList();
    }

    @Test
    void samplesOlderThanTheCutoffGoOfEveryDeviceAndNewerOnesStay() {
        String device = Api.newDevice();
        String other = Api.newDevice();
        api.post(device).token(TestTokens.groups("apollo_write").collections("keepers").sign())
                .body(batch(sample("a", "1", "0999-12-31T23:59:59.999999Z"), sample("a", "2", "1000-01-01T00:00:00Z"),
                        sample("b", "3", "0998-06-01T00:00:00+02:00"), sample("b", "4", "2020-01-01T00:00:00Z")))
                .send().assertAccepted();
        api.post(other).token(TestTokens.groups("apollo_write").collections("others").sign())
                .body(batch(sample("a", "5", "0900-01-01T00:00:00Z"), sample("a", "6", "1500-01-01T00:00:00Z")))
                .send().assertAccepted();
        double before = purgedTotal();

        long purged = purge("1000-01-01T00:00:00Z");

        assertTrue(purged >= 3, "at least this test's 3 old samples: " + purged);
        assertEquals(List.of("1000-01-01T00:00:00Z", "2020-01-01T00:00:00Z"), storedTimestamps(device));
        assertEquals(List.of("1500-01-01T00:00:00Z"), storedTimestamps(other));
        assertEquals(purged, purgedTotal() - before, 0.0);
        assertTrue(api.stored(device).getBoolean("exists"), "a purge removes samples, never devices");

        assertEquals(0, purge("1000-01-01T00:00:00Z"), "a repeat finds nothing left");
    }
}
