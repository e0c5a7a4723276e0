package io.apollo.samples.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET: filters, order, limits, paging with continuation tokens, access (SPEC §5). */
class GetSamplesIT extends ServerTest {

    private static final String COLLECTION = "readers";
    private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

    private String device;

    @BeforeEach
    void newDevice() {
        device = Api.newDevice();
    }

    private static String writer() {
        return TestTokens.groups("apollo_write").collections(COLLECTION).sign();
    }

    private static String reader() {
        return TestTokens.groups("apollo_read").collections(COLLECTION).sign();
    }

    private void store(String body) {
        api.post(device).token(writer()).body(body).send().assertAccepted();
    }

    /** Samples of one timeseries, one a second from T0 + offset seconds, values 0..n-1. */
    private void storeSeries(String timeseries, String metric, int offset, int n) {
        Samples.seriesBatches(timeseries, metric, T0.plusSeconds(offset), n).forEach(this::store);
    }

    private Api.Reply get(String query) {
        return api.get(device, query).token(reader()).send();
    }

    private JsonArray data(String query) {
        Api.Reply reply = get(query);
        JsonArray data = reply.assertEnvelope(200, "").asJsonArray();
        assertNull(reply.header("ContinuationToken"), "no token without paginated=true");
        return data;
    }

    /** Each sample as "timeseriesId/metric/timestamp=val". */
    private static List<String> keys(JsonArray data) {
        return data.getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("timeseriesId") + "/" + s.getString("metric") + "/" + s.getString("timestamp")
                        + "=" + s.get("val"))
                .toList();
    }

    @Test
    void everyFieldIsReturnedWithValuesAsPosted() {
        store("""
                [{"timeseriesId":"t","val":6,"timestamp":"2018-01-27T00:00:00+00:00","metric":"Raw"},
                 {"timeseriesId":"t","val":6.50,"timestamp":"2018-01-27T01:00:00.123456+01:00","metric":"Raw"},
                 {"timeseriesId":"t","val":"6","timestamp":"2018-01-27T00:00:00.5Z","metric":"Raw"},
                 {"timeseriesId":"t","val":1e2,"timestamp":"2018-01-27T00:00:01.000001Z","metric":"Raw"},
                 {"timeseriesId":"t","val":"ünï \\"q\\"","timestamp":"2018-01-27T00:00:02Z","mertic":"Raw"}]""");
        long before = System.currentTimeMillis();

        Api.Reply reply = get("");

        JsonArray data = reply.assertEnvelope(200, "").asJsonArray();
        assertEquals(5, data.size());
        JsonObject first = data.getJsonObject(0);
        assertEquals(List.of("timeseriesId", "metric", "timestamp", "unixTimestamp", "ingestUnixTimestamp", "val"),
                List.copyOf(first.keySet()));
        assertEquals("t", first.getString("timeseriesId"));
        assertEquals("Raw", first.getString("metric"));
        assertEquals("2018-01-27T00:00:00+00:00", first.getString("timestamp"));
        assertEquals(1517011200000L, first.getJsonNumber("unixTimestamp").longValue());
        long ingested = first.getJsonNumber("ingestUnixTimestamp").longValue();
        assertTrue(ingested <= before && ingested > before - 60_000, String.valueOf(ingested));
        assertEquals(List.of(
                "2018-01-27T00:00:00+00:00 1517011200000",
                "2018-01-27T00:00:00.123456+00:00 1517011200123",
                "2018-01-27T00:00:00.5+00:00 1517011200500",
                "2018-01-27T00:00:01.000001+00:00 1517011201000",
                "2018-01-27T00:00:02+00:00 1517011202000"),
                data.getValuesAs(JsonObject.class).stream()
                        .map(s -> s.getString("timestamp") + " " + s.getJsonNumber("unixTimestamp"))
                        .toList());
        for (JsonObject sample : data.getValuesAs(JsonObject.class)) {
            assertEquals("t", sample.getString("timeseriesId"));
            assertEquals("Raw", sample.getString("metric"), "metric, also when posted as mertic");
            assertEquals(ingested, sample.getJsonNumber("ingestUnixTimestamp").longValue(), "one batch, one ingest time");
        }
        // The exact text of each value, which a JSON parser on this side would normalise.
        List<String> vals = List.of("6", "6.50", "\"6\"", "1e2", "\"ünï \\\"q\\\"\"");
        for (int i = 0; i < vals.size(); i++) {
            String sample = "\"timestamp\":\"" + data.getJsonObject(i).getString("timestamp") + "\",\"unixTimestamp\":"
                    + data.getJsonObject(i).getJsonNumber("unixTimestamp") + ",\"ingestUnixTimestamp\":" + ingested
                    + ",\"val\":" + vals.get(i) + "}";
            assertTrue(reply.text().contains(sample), sample + " in " + reply.text());
        }
    }

    @Test
    void defaultsAreAscendingOrderAndOneHundredSamples() {
        storeSeries("a", "Raw", 0, 150);

        JsonArray data = data("");

        assertEquals(100, data.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, data.getJsonObject(i).getInt("val"));
        }
    }

    @Test
    void descendingOrderStartsWithTheLatest() {
        storeSeries("a", "Raw", 0, 5);

        assertEquals(List.of(4, 3, 2, 1, 0), data("orderby=timestamp%20desc").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getInt("val")).toList());
        assertEquals(List.of(0, 1, 2, 3, 4), data("orderby=timestamp%20asc").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getInt("val")).toList());
    }

    @Test
    void timeseriesIdsMayBeRepeatedOrCommaSeparated() {
        storeSeries("a", "Raw", 0, 2);
        storeSeries("b", "Raw", 0, 2);
        storeSeries("c", "Raw", 0, 2);

        List<String> ab = List.of("a/Raw/2021-03-01T00:00:00+00:00=0", "b/Raw/2021-03-01T00:00:00+00:00=0",
                "a/Raw/2021-03-01T00:00:01+00:00=1", "b/Raw/2021-03-01T00:00:01+00:00=1");
        assertEquals(ab, keys(data("timeseries_ids=a&timeseries_ids=b")));
        assertEquals(ab, keys(data("timeseries_ids=a,b")));
        assertEquals(ab, keys(data("timeseries_ids=b,%20a")));
        assertEquals(6, data("").size());
        assertEquals(2, data("timeseries_ids=c").size());
        assertEquals(0, data("timeseries_ids=nothing").size());
    }

    @Test
    void metricSelectsOneMetric() {
        storeSeries("a", "Raw", 0, 3);
        storeSeries("a", "Avg", 0, 2);

        assertEquals(2, data("metric=Avg").size());
        assertEquals(3, data("metric=Raw&timeseries_ids=a").size());
        assertEquals(0, data("metric=Max").size());
    }

    @Test
    void startTimeIsInclusiveAndEndTimeExclusive() {
        storeSeries("a", "Raw", 0, 10);
        String start = "startTime=" + T0.plusSeconds(3);
        String end = "endTime=" + T0.plusSeconds(6);

        assertEquals(List.of(3, 4, 5), vals(data(start + "&" + end)));
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), vals(data(start)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), vals(data(end)));
        assertEquals(List.of(5, 4, 3), vals(data(start + "&" + end + "&orderby=timestamp%20desc")));
        assertEquals(List.of(3), vals(data("startTime=2021-03-01T01:00:03%2B01:00&endTime=" + T0.plusSeconds(4))));
    }

    @Test
    void everyParameterCombined() {
        storeSeries("a", "Raw", 0, 10);
        storeSeries("a", "Avg", 0, 10);
        storeSeries("b", "Raw", 0, 10);
        storeSeries("c", "Raw", 0, 10);

        JsonArray data = data("timeseries_ids=a,b&metric=Raw&startTime=" + T0.plusSeconds(2) + "&endTime="
                + T0.plusSeconds(8) + "&orderby=timestamp%20desc&limit=5&paginated=false");

        assertEquals(List.of("b/Raw/2021-03-01T00:00:07+00:00=7", "a/Raw/2021-03-01T00:00:07+00:00=7",
                "b/Raw/2021-03-01T00:00:06+00:00=6", "a/Raw/2021-03-01T00:00:06+00:00=6",
                "b/Raw/2021-03-01T00:00:05+00:00=5"), keys(data));
    }

    @Test
    void limitIsOneToOneThousand() {
        storeSeries("a", "Raw", 0, 1001);

        assertEquals(1, data("limit=1").size());
        assertEquals(1000, data("limit=1000").size());
        for (String limit : List.of("0", "1001", "-1", "abc", "", "1.5")) {
            get("limit=" + limit).assertError(400, "Invalid query: limit must be a whole number from 1 to 1000");
        }
    }

    @Test
    void invalidParametersAreAllNamed() {
        storeSeries("a", "Raw", 0, 1);

        get("orderby=value").assertError(400, "Invalid query: orderby must be 'timestamp asc' or 'timestamp desc'");
        get("paginated=yes").assertError(400, "Invalid query: paginated must be true or false");
        get("startTime=2021-03-01T00:00:00").assertError(400,
                "Invalid query: startTime must include an offset (Z or ±hh:mm), e.g. 2018-01-27T00:00:00+00:00");
        get("startTime=" + T0.plusSeconds(5) + "&endTime=" + T0).assertError(400,
                "Invalid query: startTime must be before endTime");
        get("limit=0&orderby=x").assertError(400, "Invalid query: orderby must be 'timestamp asc' or "
                + "'timestamp desc'; limit must be a whole number from 1 to 1000");
    }

    @Test
    void pagesOfAThousandWalkTwoThousandFiveHundredSamplesOnceInOrder() {
        storeSeries("a", "Raw", 0, 2500);

        for (boolean descending : new boolean[] {false, true}) {
            List<Integer> walked = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String query = "timeseries_ids=a&limit=1000&paginated=true" + (descending ? "&orderby=timestamp%20desc" : "");
            String token = null;
            do {
                Api.Reply page = api.get(device, query).token(reader()).header("ContinuationToken", token).send();
                JsonArray data = page.assertEnvelope(200, "").asJsonArray();
                pageSizes.add(data.size());
                walked.addAll(vals(data));
                token = page.header("ContinuationToken");
            } while (token != null);

            assertEquals(List.of(1000, 1000, 500), pageSizes);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                expected.add(descending ? 2499 - i : i);
            }
            assertEquals(expected, walked);
        }
    }

    @Test
    void samplesSharingATimestampArePagedInATotalOrder() {
        for (String timeseries : List.of("a", "b", "c")) {
            storeSeries(timeseries, "Raw", 0, 4);
            storeSeries(timeseries, "Avg", 0, 4);
        }

        for (String order : List.of("timestamp%20asc", "timestamp%20desc")) {
            List<String> walked = walk("limit=5&paginated=true&orderby=" + order);

            assertEquals(24, new HashSet<>(walked).size());
            assertEquals(keys(data("limit=24&orderby=" + order)), walked);
        }
    }

    @Test
    void insertsBeforeAndAfterTheCursorNeitherSkipNorRepeat() {
        storeSeries("a", "Raw", 100, 100);
        String query = "limit=30&paginated=true";
        Api.Reply first = api.get(device, query).token(reader()).send();
        List<String> walked = new ArrayList<>(keys(first.assertEnvelope(200, "").asJsonArray()));
        String token = first.header("ContinuationToken");
        assertNotNull(token);

        storeSeries("before", "Raw", 0, 50);
        storeSeries("after", "Raw", 300, 50);
        storeSeries("a", "Avg", 150, 5);
        // At the cursor's own timestamp (T0 + 129 s): "0" sorts before "a", "z" after it.
        storeSeries("0-before", "Raw", 129, 1);
        storeSeries("z-after", "Raw", 129, 1);
        while (token != null) {
            Api.Reply page = api.get(device, query).token(reader()).header("ContinuationToken", token).send();
            walked.addAll(keys(page.assertEnvelope(200, "").asJsonArray()));
            token = page.header("ContinuationToken");
        }

        assertEquals(walked.size(), new HashSet<>(walked).size(), "no sample repeated");
        Set<String> seen = new HashSet<>(walked);
        for (int i = 0; i < 100; i++) {
            assertTrue(seen.contains("a/Raw/" + SampleView.TIMESTAMP.format(T0.plusSeconds(100 + i).atOffset(ZoneOffset.UTC)) + "=" + i), "sample " + i + " skipped");
        }
        assertEquals(50, walked.stream().filter(k -> k.startsWith("after/")).count());
        assertEquals(0, walked.stream().filter(k -> k.startsWith("before/")).count());
        assertEquals(5, walked.stream().filter(k -> k.startsWith("a/Avg/")).count(), "inserted after the cursor");
        assertEquals(0, walked.stream().filter(k -> k.startsWith("0-before/")).count());
        assertEquals(1, walked.stream().filter(k -> k.startsWith("z-after/")).count());
        assertEquals(156, walked.size());
    }

    @Test
    void tokenOfAnotherQueryTamperedOrGarbageIsInvalid() {
        storeSeries("a", "Raw", 0, 10);
        storeSeries("b", "Raw", 0, 10);
        String token = get("limit=3&paginated=true").header("ContinuationToken");
        assertNotNull(token);

        for (String otherQuery : List.of("limit=3&paginated=true&timeseries_ids=a", "limit=3&paginated=true&metric=Raw",
                "limit=3&paginated=true&orderby=timestamp%20desc", "limit=3&paginated=true&startTime=" + T0)) {
            api.get(device, otherQuery).token(reader()).header("ContinuationToken", token).send()
                    .assertError(400, "Invalid continuation token");
        }
        String otherDevice = Api.newDevice();
        api.post(otherDevice).token(writer()).body("[{\"timeseriesId\":\"a\",\"val\":1,\"metric\":\"Raw\","
                + "\"timestamp\":\"" + T0 + "\"}]").send().assertAccepted();
        api.get(otherDevice, "limit=3&paginated=true").token(reader()).header("ContinuationToken", token).send()
                .assertError(400, "Invalid continuation token");

        char[] tamperedCursor = token.toCharArray();
        tamperedCursor[2] = tamperedCursor[2] == 'A' ? 'B' : 'A';
        char[] tamperedSignature = token.toCharArray();
        int last = tamperedSignature.length - 2;
        tamperedSignature[last] = tamperedSignature[last] == 'A' ? 'B' : 'A';
        for (String bad : List.of(new String(tamperedCursor), new String(tamperedSignature), "garbage", "", "a.b",
                token + "x", token.replace('.', '!'))) {
            api.get(device, "limit=3&paginated=true").token(reader()).header("ContinuationToken", bad).send()
                    .assertError(400, "Invalid continuation token");
        }
        assertEquals(200, api.get(device, "limit=5&paginated=true").token(reader()).header("ContinuationToken", token)
                .send().status(), "a new page size continues the same query");
    }

    @Test
    void readAndWriteScopesMayRead() {
        storeSeries("a", "Raw", 0, 1);
        for (String scope : List.of("apollo_read", "read", "apollo_write", "write")) {
            api.get(device, "").token(TestTokens.groups(scope).collections(COLLECTION).sign()).send().assertEnvelope(200, "");
        }
        api.get(device, "").token(TestTokens.scope("openid read").collections(COLLECTION).sign()).send()
                .assertEnvelope(200, "");
    }

    @Test
    void noToken401NoScope403ForeignCollection403UnknownDevice404() {
        storeSeries("a", "Raw", 0, 1);

        Api.Reply anonymous = api.get(device, "").send();
        anonymous.assertError(401, "Missing or invalid bearer token");
        assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
        api.get(device, "").token(TestTokens.groups("openid").collections(COLLECTION).sign()).send()
                .assertError(403, "Insufficient scope");
        api.get(device, "").token(TestTokens.groups("apollo_read").collections("others").sign()).send()
                .assertError(403, "User does not have access to device");
        api.get(device, "").token(TestTokens.groups("apollo_read").collections(COLLECTION, "others").sign())
                .header("erCollectionId", "others").send().assertError(403, "User does not have access to device");
        api.get(Api.newDevice(), "").token(reader()).send().assertError(404, "Device not found");
    }

    /** By character codes ("B" < "_x" < "a", "Raw" < "raw"), whatever the database's collation sorts. */
    @Test
    void idsAreOrderedByTheirCharacters() {
        for (String timeseries : List.of("a", "B", "_x")) {
            storeSeries(timeseries, "raw", 0, 2);
            storeSeries(timeseries, "Raw", 0, 2);
        }
        List<String> expected = new ArrayList<>();
        for (int second = 0; second < 2; second++) {
            for (String timeseries : List.of("B", "_x", "a")) {
                for (String metric : List.of("Raw", "raw")) {
                    expected.add(timeseries + "/" + metric + "/" + T0.plusSeconds(second).toString().replace("Z", "+00:00")
                            + "=" + second);
                }
            }
        }

        assertEquals(expected, keys(data("limit=100")));
        assertEquals(expected, walk("limit=1&paginated=true"));
        assertEquals(expected.stream().filter(key -> !key.startsWith("_x")).toList(),
                walk("timeseries_ids=a,B&limit=1&paginated=true"));
        assertEquals(expected.stream().filter(key -> key.contains("/raw/")).toList(),
                walk("metric=raw&limit=1&paginated=true"));
        List<String> descending = new ArrayList<>(expected);
        Collections.reverse(descending);
        assertEquals(descending, walk("orderby=timestamp%20desc&limit=1&paginated=true"));
    }

    @Test
    void severalTimeseriesArePagedTogetherInOneOrder() {
        storeSeries("a", "Raw", 0, 40);
        storeSeries("b", "Raw", 0, 40);
        storeSeries("b", "Avg", 20, 40);
        storeSeries("c", "Raw", 0, 40);

        for (String order : List.of("timestamp%20asc", "timestamp%20desc")) {
            String query = "timeseries_ids=a,b&orderby=" + order;
            List<String> walked = walk(query + "&limit=7&paginated=true");

            assertEquals(120, walked.size());
            assertEquals(keys(data(query + "&limit=1000")), walked);
        }
    }

    @Test
    void timeRangesAndPagesHoldAcrossARepeatedLocalHour() {
        // The integration servers run in Europe/Berlin, whose clocks went back at 01:00Z that day.
        Instant start = Instant.parse("2021-10-30T23:00:00Z");
        StringJoiner samples = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 18; i++) {
            samples.add("{\"timeseriesId\":\"t\",\"metric\":\"Raw\",\"val\":" + i + ",\"timestamp\":\""
                    + start.plusSeconds(600L * i) + "\"}");
        }
        store(samples.toString());

        assertEquals(List.of(9, 10, 11, 12, 13, 14), vals(data("startTime=2021-10-31T00:30:00Z&endTime=2021-10-31T01:30:00Z")));
        List<String> all = keys(data("limit=18"));
        assertEquals(all, walk("limit=4&paginated=true"));
        List<String> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        assertEquals(reversed, walk("limit=4&paginated=true&orderby=timestamp%20desc"));
    }

    private List<String> walk(String query) {
        List<String> walked = new ArrayList<>();
        String token = null;
        do {
            Api.Reply page = api.get(device, query).token(reader()).header("ContinuationToken", token).send();
            walked.addAll(keys(page.assertEnvelope(200, "").asJsonArray()));
            token = page.header("ContinuationToken");
        } while (token != null);
        return walked;
    }

    private static List<Integer> vals(JsonArray data) {
        return data.getValuesAs(JsonObject.class).stream().map(s -> s.getInt("val")).toList();
    }
}
