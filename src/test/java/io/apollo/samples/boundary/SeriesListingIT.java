package io.apollo.samples.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A device's series (SPEC §9): counts, bounds and latest values after posts, overwrites and deletes; paging; access. */
class SeriesListingIT extends ServerTest {

    private static final String COLLECTION = "listers";

    private String device;

    @BeforeEach
    void newDevice() {
        device = Api.newDevice();
    }

    private static String writer() {
        return TestTokens.groups("apollo_write").collections(COLLECTION).sign();
    }

    private void store(String... samples) {
        StringJoiner batch = new StringJoiner(",", "[", "]");
        for (String sample : samples) {
            batch.add(sample);
        }
        api.post(device).token(writer()).body(batch.toString()).send().assertAccepted();
    }

    private static String sample(String timeseries, String metric, String timestamp, String val) {
        return "{\"timeseriesId\":\"" + timeseries + "\",\"metric\":\"" + metric + "\",\"timestamp\":\"" + timestamp
                + "\",\"val\":" + val + "}";
    }

    private Api.Call listing(String deviceId, String query) {
        return api.call("GET", "apollo/devices/" + Api.segment(deviceId) + "/timeseries"
                + (query.isEmpty() ? "" : "?" + query));
    }

    private Api.Reply list(String query) {
        return listing(device, query).token(TestTokens.groups("apollo_read").collections(COLLECTION).sign()).send();
    }

    /** Each series as "timeseriesId/metric first..last #count latest=val@timestamp". */
    private static List<String> series(JsonArray data) {
        return data.getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("timeseriesId") + "/" + s.getString("metric") + " " + s.getString("firstTimestamp")
                        + ".." + s.getString("lastTimestamp") + " #" + s.getJsonNumber("count").longValue()
                        + " latest=" + s.getJsonObject("latest").get("val") + "@"
                        + s.getJsonObject("latest").getString("timestamp"))
                .toList();
    }

    private List<String> listed() {
        Api.Reply reply = list("");
        assertNull(reply.header("ContinuationToken"));
        return series(reply.assertEnvelope(200, "").asJsonArray());
    }

    @Test
    void countsBoundsAndLatestValuesFollowPostsOverwritesAndDeletes() {
        store(sample("b", "Raw", "2021-03-01T00:00:00Z", "1"), sample("b", "Raw", "2021-03-01T00:00:02Z", "2.50"),
                sample("a", "Raw", "2021-03-01T01:00:01+01:00", "\"on\""), sample("a", "Avg", "2021-03-01T00:00:05Z", "7"));
        assertEquals(List.of(
                "a/Avg 2021-03-01T00:00:05+00:00..2021-03-01T00:00:05+00:00 #1 latest=7@2021-03-01T00:00:05+00:00",
                "a/Raw 2021-03-01T00:00:01+00:00..2021-03-01T00:00:01+00:00 #1 latest=\"on\"@2021-03-01T00:00:01+00:00",
                "b/Raw 2021-03-01T00:00:00+00:00..2021-03-01T00:00:02+00:00 #2 latest=2.50@2021-03-01T00:00:02+00:00"),
                listed());
        assertTrue(list("").text().contains("\"val\":2.50,"), "the latest value as stored");

        long beforeOverwrite = System.currentTimeMillis();
        store(sample("b", "Raw", "2021-03-01T00:00:02Z", "\"overwritten\""), sample("b", "Raw", "2021-03-01T00:00:01Z", "3"));
        assertEquals("b/Raw 2021-03-01T00:00:00+00:00..2021-03-01T00:00:02+00:00 #3"
                + " latest=\"overwritten\"@2021-03-01T00:00:02+00:00", listed().get(2));
        JsonObject latest = list("").assertEnvelope(200, "").asJsonArray().getJsonObject(2).getJsonObject("latest");
        assertTrue(latest.getJsonNumber("ingestUnixTimestamp").longValue() >= beforeOverwrite - 1000, latest.toString());
        assertEquals(Instant.parse("2021-03-01T00:00:02Z").toEpochMilli(), latest.getJsonNumber("unixTimestamp").longValue());

        api.delete(device, "timeseries_ids=b&startTime=2021-03-01T00:00:02Z").token(writer()).send()
                .assertEnvelope(200, "");
        assertEquals("b/Raw 2021-03-01T00:00:00+00:00..2021-03-01T00:00:01+00:00 #2 latest=3@2021-03-01T00:00:01+00:00",
                listed().get(2));
        api.delete(device, "metric=Avg").token(writer()).send().assertEnvelope(200, "");
        assertEquals(List.of("a/Raw", "b/Raw"), listed().stream().map(s -> s.substring(0, s.indexOf(' '))).toList(),
                "a series whose samples are all deleted is no longer listed");
        JsonObject stored = api.assertMinutesExact(device);
        assertEquals(3, stored.getJsonArray("samples").size());
        assertEquals("[\"a/Raw\",\"b/Raw\"]", stored.getJsonArray("series").toString(), "the emptied series' row is gone");
    }

    @Test
    void pagedByTimeseriesThenMetricInCharacterOrder() {
        List<String> samples = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String timeseries : List.of("B", "_x", "a")) {
            for (String metric : List.of("Raw", "raw")) {
                samples.add(sample(timeseries, metric, "2021-03-01T00:00:00Z", "1"));
                expected.add(timeseries + "/" + metric);
            }
        }
        store(samples.toArray(String[]::new));
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Api.Call call = listing(device, "limit=4").token(TestTokens.groups("apollo_read").collections(COLLECTION)
                    .sign());
            Api.Reply reply = (token == null ? call : call.header("ContinuationToken", token)).send();
            series(reply.assertEnvelope(200, "").asJsonArray()).forEach(s -> paged.add(s.substring(0, s.indexOf(' '))));
            token = reply.header("ContinuationToken");
            pages++;
        } while (token != null);
        assertEquals(expected, paged);
        assertEquals(2, pages);
    }

    @Test
    void tokensLimitsAndAccess() {
        store(sample("a", "Raw", "2021-03-01T00:00:00Z", "1"), sample("b", "Raw", "2021-03-01T00:00:00Z", "1"));
        String token = list("limit=1").header("ContinuationToken");
        assertNotNull(token);
        api.get(device, "").token(TestTokens.groups("apollo_read").collections(COLLECTION).sign())
                .header("ContinuationToken", token).send().assertError(400, "Invalid continuation token");
        String samplesToken = api.get(device, "limit=1&paginated=true").token(TestTokens.groups("apollo_read")
                .collections(COLLECTION).sign()).send().header("ContinuationToken");
        listing(device, "").token(TestTokens.groups("apollo_read").collections(COLLECTION).sign())
                .header("ContinuationToken", samplesToken).send().assertError(400, "Invalid continuation token");
        for (String limit : List.of("0", "1001", "x")) {
            list("limit=" + limit).assertError(400, "Invalid query: limit must be a whole number from 1 to 1000");
        }
        for (String scope : List.of("apollo_read", "read", "apollo_write", "write")) {
            listing(device, "").token(TestTokens.groups(scope).collections(COLLECTION).sign()).send()
                    .assertEnvelope(200, "");
        }
        listing(device, "").send().assertError(401, "Missing or invalid bearer token");
        listing(device, "").token(TestTokens.groups("openid").collections(COLLECTION).sign()).send()
                .assertError(403, "Insufficient scope");
        listing(device, "").token(TestTokens.groups("apollo_read").collections("others").sign()).send()
                .assertError(403, "User does not have access to device");
        listing(Api.newDevice(), "").token(TestTokens.groups("apollo_read").collections(COLLECTION).sign()).send()
                .assertError(404, "Device not found");
    }
}
