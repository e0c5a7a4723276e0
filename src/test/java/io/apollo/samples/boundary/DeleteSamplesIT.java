package io.apollo.samples.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apollo.testing.Api;
import io.apollo.testing.Samples;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DELETE of samples: the GET's filters, exact counts, idempotence, access (docs/api.md §8). */
class DeleteSamplesIT extends ServerTest {

    private static final String COLLECTION = "deleters";
    private static final Instant T0 = Instant.parse("2022-05-01T00:00:00Z");

    private String device;

    @BeforeEach
    void newDevice() {
        device = Api.newDevice();
    }

    private static String writer() {
        return TestTokens.groups("apollo_write").collections(COLLECTION).sign();
    }

    /** Samples of one timeseries, one a second from T0, values 0..n-1, in batches of at most 10,000. */
    private void storeSeries(String deviceId, String token, String timeseries, String metric, int n) {
        for (String body : Samples.seriesBatches(timeseries, metric, T0, n)) {
            api.post(deviceId).token(token).body(body).send().assertAccepted();
        }
    }

    private void storeSeries(String timeseries, String metric, int n) {
        storeSeries(device, writer(), timeseries, metric, n);
    }

    private long delete(String query) {
        JsonObject data = api.delete(device, query).token(writer()).send().assertEnvelope(200, "").asJsonObject();
        assertEquals(1, data.size(), data.toString());
        return data.getJsonNumber("deleted").longValueExact();
    }

    /** What the database holds for the device, as "timeseriesId/metric/val", its minutes exact. */
    private List<String> stored(String deviceId) {
        return api.assertMinutesExact(deviceId).getJsonArray("samples").getValuesAs(JsonObject.class).stream()
                .map(row -> row.getString("timeseriesId") + "/" + row.getString("metric") + "/" + row.getString("value"))
                .sorted()
                .toList();
    }

    private static List<String> series(String timeseries, String metric, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> timeseries + "/" + metric + "/" + i).toList();
    }

    private static List<String> sorted(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.stream().sorted().toList();
    }

    @Test
    void deletesExactlyTheRangeOfTheTimeseriesNamedAndSaysHowMany() {
        storeSeries("a", "Raw", 10);
        storeSeries("b", "Raw", 10);

        assertEquals(3, delete("timeseries_ids=a&startTime=" + T0.plusSeconds(2) + "&endTime=" + T0.plusSeconds(5)));

        List<String> a = new ArrayList<>(series("a", "Raw", 0, 2));
        a.addAll(series("a", "Raw", 5, 10));
        assertEquals(sorted(a, series("b", "Raw", 0, 10)), stored(device));
        assertEquals(17, api.get(device, "limit=1000").token(writer()).send().assertEnvelope(200, "")
                .asJsonArray().size());
    }

    @Test
    void aRepeatDeletesNothing() {
        storeSeries("a", "Raw", 5);

        assertEquals(5, delete("timeseries_ids=a"));
        assertEquals(0, delete("timeseries_ids=a"));
        assertEquals(0, delete(""));
        assertEquals(List.of(), stored(device));
        assertEquals(Json.createArrayBuilder().build(),
                api.get(device, "").token(writer()).send().assertEnvelope(200, ""), "the device stays");
    }

    @Test
    void theMetricFilterAndNoFilterAtAll() {
        storeSeries("a", "Raw", 4);
        storeSeries("a", "Avg", 3);
        storeSeries("b", "Avg", 2);

        assertEquals(5, delete("metric=Avg"));
        assertEquals(series("a", "Raw", 0, 4), stored(device));
        assertEquals(4, delete(""));
        assertEquals(List.of(), stored(device));
    }

    @Test
    void severalTimeseriesByCommasOrRepeatedParameters() {
        storeSeries("a", "Raw", 2);
        storeSeries("b", "Raw", 2);
        storeSeries("c", "Raw", 2);

        assertEquals(4, delete("timeseries_ids=a,c"));
        assertEquals(series("b", "Raw", 0, 2), stored(device));
        storeSeries("a", "Raw", 2);
        assertEquals(4, delete("timeseries_ids=a&timeseries_ids=b"));
        assertEquals(List.of(), stored(device));
    }

    /** More samples than one chunk (5,000): several transactions, one answer with the whole count. */
    @Test
    void aDeleteLargerThanAChunkDeletesAll() {
        storeSeries("a", "Raw", 12_345);

        assertEquals(12_000, delete("endTime=" + T0.plusSeconds(12_000)));
        assertEquals(series("a", "Raw", 12_000, 12_345), stored(device));
    }

    @Test
    void badFiltersAre400AsForTheGetAndDeleteNothing() {
        storeSeries("a", "Raw", 3);
        String writer = writer();
        for (String query : List.of("startTime=yesterday", "endTime=2022-05-01T00:00:00",
                "startTime=" + T0.plusSeconds(5) + "&endTime=" + T0, "timeseries_ids=" + "t".repeat(129),
                "metric=" + "m".repeat(65))) {
            Api.Reply get = api.get(device, query).token(writer).send();
            String message = get.json().getJsonObject("status").getString("Message");
            api.delete(device, query).token(writer).send().assertError(400, message);
            assertEquals(400, get.status(), query);
        }
        assertEquals(series("a", "Raw", 0, 3), stored(device));
    }

    /** A limit the DELETE ignored would delete more than the caller meant. */
    @Test
    void theGetsOrderAndPagingParametersAreRefusedWithTheFilters() {
        storeSeries("a", "Raw", 3);
        api.delete(device, "limit=1&startTime=yesterday&orderby=timestamp%20desc&paginated=true").token(writer()).send()
                .assertError(400, "Invalid query: orderby does not apply to a DELETE, which removes every sample its"
                        + " filters match; limit does not apply to a DELETE, which removes every sample its filters"
                        + " match; paginated does not apply to a DELETE, which removes every sample its filters"
                        + " match; startTime must be an ISO-8601 date-time with offset, e.g. 2018-01-27T00:00:00+00:00");
        assertEquals(series("a", "Raw", 0, 3), stored(device));
    }

    @Test
    void noToken401ReadScope403ForeignCollection403UnknownDevice404AndNothingDeleted() {
        storeSeries("a", "Raw", 3);

        Api.Reply anonymous = api.delete(device, "").send();
        anonymous.assertError(401, "Missing or invalid bearer token");
        assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
        api.delete(device, "").token(TestTokens.groups("apollo_read", "read").collections(COLLECTION).sign()).send()
                .assertError(403, "Insufficient scope");
        api.delete(device, "").token(TestTokens.groups("apollo_write").collections("others").sign()).send()
                .assertError(403, "User does not have access to device");
        api.delete(device, "").token(TestTokens.groups("apollo_write").collections(COLLECTION, "others").sign())
                .header("erCollectionId", "others").send().assertError(403, "User does not have access to device");
        api.delete(Api.newDevice(), "").token(writer()).send().assertError(404, "Device not found");
        assertEquals(series("a", "Raw", 0, 3), stored(device));

        assertEquals(3, api.delete(device, "").token(TestTokens.scope("openid write").collections(COLLECTION).sign())
                .send().assertEnvelope(200, "").asJsonObject().getInt("deleted"), "write, in the scope string");
    }

    @Test
    void anotherDeviceIsUntouchedWhateverItsCollection() {
        String other = Api.newDevice();
        String otherWriter = TestTokens.groups("apollo_write").collections("elsewhere").sign();
        storeSeries(other, otherWriter, "a", "Raw", 4);
        String sameCollection = Api.newDevice();
        storeSeries(sameCollection, writer(), "a", "Raw", 4);
        storeSeries("a", "Raw", 4);

        assertEquals(4, delete(""));
        assertEquals(series("a", "Raw", 0, 4), stored(other));
        assertEquals(series("a", "Raw", 0, 4), stored(sameCollection));
    }

    /** Keyset paging: a token issued before a delete continues with what remains, none twice, none skipped. */
    @Test
    void aContinuationTokenAcrossADeleteNeitherRepeatsNorSkipsWhatRemains() {
        storeSeries("a", "Raw", 20);
        String reader = TestTokens.groups("apollo_read").collections(COLLECTION).sign();
        Api.Reply first = api.get(device, "paginated=true&limit=5").token(reader).send();
        List<String> seen = new ArrayList<>(values(first.assertEnvelope(200, "").asJsonArray()));
        String token = first.header("ContinuationToken");
        assertNotNull(token);

        // Samples 3 and 4 were read already, 5 to 7 not yet.
        assertEquals(5, delete("startTime=" + T0.plusSeconds(3) + "&endTime=" + T0.plusSeconds(8)));

        while (token != null) {
            Api.Reply next = api.get(device, "paginated=true&limit=5").token(reader).header("ContinuationToken", token)
                    .send();
            seen.addAll(values(next.assertEnvelope(200, "").asJsonArray()));
            token = next.header("ContinuationToken");
        }
        List<String> expected = new ArrayList<>(List.of("0", "1", "2", "3", "4"));
        IntStream.range(8, 20).mapToObj(String::valueOf).forEach(expected::add);
        assertEquals(expected, seen);
        assertNull(token);
    }

    private static List<String> values(JsonArray page) {
        return page.getValuesAs(JsonObject.class).stream().map(sample -> sample.get("val").toString()).toList();
    }
}
