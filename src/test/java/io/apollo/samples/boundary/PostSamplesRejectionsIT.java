package io.apollo.samples.boundary;

import static io.apollo.samples.boundary.PostSamplesIT.rows;
import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.batchOf;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused batches: the status, the error in the envelope, and nothing stored. */
class PostSamplesRejectionsIT extends ServerTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;

    private String device;

    @BeforeEach
    void newDevice() {
        device = Api.newDevice();
    }

    private Api.Call post() {
        return api.post(device).token(TestTokens.groups("apollo_write").collections("c1").sign());
    }

    private void assertNothingStored() {
        JsonObject stored = api.stored(device);
        assertFalse(stored.getBoolean("exists"), stored.toString());
        assertEquals(0, stored.getJsonArray("samples").size());
    }

    @Test
    void emptyBodyNullAndEmptyArrayHaveNoSamples() {
        for (String body : List.of("", "  \n", "null", "[]")) {
            post().body(body).send().assertError(400, "No samples provided");
        }
        assertNothingStored();
    }

    @Test
    void bodyThatIsNotJsonIsNamedAsSuch() {
        post().body("[{\"timeseriesId\": ").send().assertErrorStartingWith(400, "Body is not valid JSON: ");
        post().body(batch(sample("a", "1", "2020-01-01T00:00:00Z")) + " trailing").send()
                .assertErrorStartingWith(400, "Body is not valid JSON: ");
        assertNothingStored();
    }

    @Test
    void bodyThatIsNotUtf8IsRefusedNotStoredGarbled() {
        byte[] latin1 = batch(sample("a", "\"grün\"", "2020-01-01T00:00:00Z")).getBytes(StandardCharsets.ISO_8859_1);
        post().rawBody(latin1).send().assertError(400, "Body is not valid UTF-8");
        post().header("Content-Type", "application/json; charset=ISO-8859-1").rawBody(latin1).send()
                .assertError(415, "Unsupported charset ISO-8859-1: send UTF-8");
        assertNothingStored();
    }

    @Test
    void jsonThatIsNotAnArrayOfObjectsIsNamedAsSuch() {
        post().body("{\"timeseriesId\":\"a\"}").send().assertError(400, "Body must be a JSON array of samples");
        post().body("[" + sample("a", "1", "2020-01-01T00:00:00Z") + ",42]").send()
                .assertError(400, "Sample 1 is not a JSON object");
        assertNothingStored();
    }

    @Test
    void everyInvalidSampleIsListedAndNothingOfTheBatchIsStored() {
        Api.Reply reply = post().body("""
                [{"timeseriesId":"ok","val":1,"timestamp":"2020-01-01T00:00:00Z","metric":"Raw"},
                 {},
                 {"timeseriesId":7,"val":true,"timestamp":"2020-01-01T00:00:00","metric":""},
                 {"timeseriesId":"","val":null,"timestamp":"2020-01-01T00:00:00.1234567Z","metric":"a","mertic":"b"},
                 {"timeseriesId":"%s","val":{"a":1},"timestamp":"01/01/2020","mertic":"%s"},
                 {"timeseriesId":"x","val":"%s","timestamp":"2020-01-01T00:00:00Z","metric":"Raw"},
                 {"timeseriesId":"x","val":[1],"timestamp":20200101,"metric":"Raw"}]
                """.formatted("t".repeat(129), "m".repeat(65), "v".repeat(1025))).send();

        JsonObject data = reply.assertEnvelope(400, "Invalid samples: 19 problems").asJsonObject();
        assertEquals(List.of(
                "1 timeseriesId: is required",
                "1 val: is required",
                "1 timestamp: is required",
                "1 metric: is required",
                "2 timeseriesId: must be a string, not a number",
                "2 val: must be a number or a string, not a boolean",
                "2 metric: must not be empty",
                "2 timestamp: must include an offset (Z or ±hh:mm), e.g. 2018-01-27T00:00:00+00:00",
                "3 timeseriesId: must not be empty",
                "3 val: must be a number or a string, not null",
                "3 metric: metric and its alias mertic are both given and differ",
                "3 timestamp: must not be more precise than microseconds (at most 6 fractional digits)",
                "4 timeseriesId: must be at most 128 characters",
                "4 val: must be a number or a string, not an object",
                "4 mertic: must be at most 64 characters",
                "4 timestamp: must be an ISO-8601 date-time with offset, e.g. 2018-01-27T00:00:00+00:00",
                "5 val: must be at most 1024 characters",
                "6 val: must be a number or a string, not an array",
                "6 timestamp: must be a string, not a number"),
                errors(data));
        assertEquals(19, data.getInt("errorCount"));
        assertNothingStored();
    }

    @Test
    void invalidBatchLeavesWhatWasStoredUntouched() {
        post().body(batch(sample("a", "1", "2020-01-01T00:00:00Z"))).send().assertAccepted();

        post().body(batch(sample("a", "2", "2020-01-01T00:00:00Z"), sample("b", "true", "2020-01-01T00:00:00Z")))
                .send().assertEnvelope(400, "Invalid samples: 1 problem");

        assertEquals(List.of("a Raw 2020-01-01T00:00:00Z 1 number"), rows(api.stored(device)));
    }

    @Test
    void atMostOneHundredProblemsAreListedButAllAreCounted() {
        String invalid = "{\"timeseriesId\":\"a\",\"val\":1,\"timestamp\":\"2020-01-01T00:00:00Z\"}";
        String body = "[" + String.join(",", Collections.nCopies(250, invalid)) + "]";

        JsonObject data = post().body(body).send().assertEnvelope(400, "Invalid samples: 250 problems").asJsonObject();

        assertEquals(100, data.getJsonArray("errors").size());
        assertEquals(250, data.getInt("errorCount"));
        assertEquals("99 metric: is required", errors(data).get(99));
        assertNothingStored();
    }

    @Test
    void moreThanTenThousandSamplesAreTooLarge() {
        post().body(batchOf(10_001)).send().assertError(413, "More than 10000 samples in one request");
        assertNothingStored();
    }

    @Test
    void bodyOverTenMebibytesIsTooLarge() {
        String body = "[" + " ".repeat(TEN_MIB) + "]";
        post().body(body).send().assertError(413, "Request body larger than " + TEN_MIB + " bytes");
        assertNothingStored();
    }

    @Test
    void bodyOfExactlyTenMebibytesIsAccepted() {
        String sample = batch(sample("a", "1", "2020-01-01T00:00:00Z"));
        String body = sample.substring(0, sample.length() - 1) + " ".repeat(TEN_MIB - sample.length()) + "]";
        assertEquals(TEN_MIB, body.getBytes(StandardCharsets.UTF_8).length);

        post().body(body).send().assertAccepted();
        post().gzipped(body).send().assertAccepted();
        assertEquals(1, api.stored(device).getJsonArray("samples").size());
    }

    @Test
    void gzipBodyIsCountedAfterDecompression() {
        String body = "[" + sample("a", "1", "2020-01-01T00:00:00Z") + " ".repeat(TEN_MIB) + "]";
        post().gzipped(body).send().assertError(413, "Request body larger than " + TEN_MIB + " bytes");
        assertNothingStored();
    }

    @Test
    void bodyThatIsNotGzipDespiteItsEncodingIsRefused() {
        post().header("Content-Encoding", "gzip")
                .rawBody(batch(sample("a", "1", "2020-01-01T00:00:00Z")).getBytes(StandardCharsets.UTF_8)).send()
                .assertErrorStartingWith(400, "Body is not valid gzip");
        assertNothingStored();
    }

    @Test
    void contentTypeOtherThanJsonIsUnsupported() {
        String body = batch(sample("a", "1", "2020-01-01T00:00:00Z"));
        post().header("Content-Type", "text/plain").body(body).send()
                .assertError(415, "Unsupported media type: send application/json");
        post().header("Content-Type", null).body(body).send()
                .assertError(415, "Unsupported media type: send application/json");
        post().header("Content-Type", "application/xml").body(body).send()
                .assertError(415, "Unsupported media type: send application/json");
        assertNothingStored();
    }

    @Test
    void contentEncodingOtherThanGzipIsUnsupported() {
        post().header("Content-Encoding", "br").body(batch(sample("a", "1", "2020-01-01T00:00:00Z"))).send()
                .assertError(415, "Unsupported Content-Encoding: only gzip is accepted");
        assertNothingStored();
    }

    @Test
    void deviceIdOf128CharactersIsAccepted() {
        device = "d".repeat(128 - device.length()) + device;
        post().body(batch(sample("a", "1", "2020-01-01T00:00:00Z"))).send().assertAccepted();
        assertTrue(api.stored(device).getBoolean("exists"));
    }

    @Test
    void deviceIdLongerThan128CharactersIsInvalid() {
        device = "d".repeat(129);
        post().body(batch(sample("a", "1", "2020-01-01T00:00:00Z"))).send()
                .assertError(400, "deviceId size must be between 1 and 128");
        assertNothingStored();
    }

    private static List<String> errors(JsonObject data) {
        return data.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getInt("index") + " " + e.getString("field") + ": " + e.getString("message"))
                .toList();
    }
}
