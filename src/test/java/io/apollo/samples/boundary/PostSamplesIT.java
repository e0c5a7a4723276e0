package io.apollo.samples.boundary;

import static io.apollo.testing.Samples.batch;
import static io.apollo.testing.Samples.batchOf;
import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Accepted batches: what the client gets back, and what the database holds afterwards. */
class PostSamplesIT extends ServerTest {

    private static final String COLLECTION = "testcollection";


    private static String writer() {
        return TestTokens.groups("apollo_write").collections(COLLECTION).sign();
    }

    @Test
    void apiPageExampleIsAcceptedAndStored() {
        String device = Api.newDevice();
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);

        Api.Reply reply = api.post(device).token(writer())
                .header("ercollectionid", COLLECTION)
                .header("x-correlation-id", "764ff302-7ba1-42dc-bd4e-e1e883e9a76b")
                .body("""
                        [
                                   {
                                        "timeseriesId" : "51922b39-8cd3-9ae3-d42f-6c8fde777e9c",
                                        "val" : 6,
                                        "timestamp" : "2018-01-27T00:00:00+00:00",
                                        "mertic" : "Raw"
                                   },
                               {
                                        "timeseriesId" : "51922b39-8cd3-9ae3-d42f-6c8fde777e9c",
                                        "val" : 7,
                                        "timestamp" : "2018-01-27T00:15:00+00:00",
                                        "mertic" : "Raw"
                                   }
                              ]""")
                .send();

        reply.assertAccepted();
        assertEquals("764ff302-7ba1-42dc-bd4e-e1e883e9a76b", reply.header("x-correlation-id"));
        JsonObject stored = api.stored(device);
        assertEquals(COLLECTION, stored.getString("collection"));
        assertEquals(List.of(
                "51922b39-8cd3-9ae3-d42f-6c8fde777e9c Raw 2018-01-27T00:00:00Z 6 number",
                "51922b39-8cd3-9ae3-d42f-6c8fde777e9c Raw 2018-01-27T00:15:00Z 7 number"), rows(stored));
        for (JsonObject row : stored.getJsonArray("samples").getValuesAs(JsonObject.class)) {
            OffsetDateTime ingested = OffsetDateTime.parse(row.getString("ingestedAt"));
            assertTrue(ingested.isAfter(before) && ingested.isBefore(OffsetDateTime.now().plusSeconds(1)), ingested.toString());
        }
    }

    @Test
    void retriedBatchOverwritesAndDoesNotDuplicate() {
        String device = Api.newDevice();
        String batch = batch(sample("a", "1", "2020-05-01T10:00:00Z"), sample("b", "2", "2020-05-01T10:00:00Z"));
        api.post(device).token(writer()).body(batch).send().assertAccepted();
        String firstIngest = api.stored(device).getJsonArray("samples").getJsonObject(0).getString("ingestedAt");

        api.post(device).token(writer()).body(batch).send().assertAccepted();
        api.post(device).token(writer()).body(batch(sample("a", "10", "2020-05-01T10:00:00Z"))).send().assertAccepted();

        JsonObject stored = api.stored(device);
        assertEquals(List.of("a Raw 2020-05-01T10:00:00Z 10 number", "b Raw 2020-05-01T10:00:00Z 2 number"), rows(stored));
        String lastIngest = stored.getJsonArray("samples").getJsonObject(0).getString("ingestedAt");
        assertTrue(OffsetDateTime.parse(lastIngest).isAfter(OffsetDateTime.parse(firstIngest)), lastIngest);
    }

    @Test
    void concurrentRetriesOfOneBatchAreAllAcceptedAndStoredOnce() {
        for (int round = 0; round < 5; round++) {
            String device = Api.newDevice();
            api.post(device).token(writer()).body(batch(sample("first", "0", "2020-05-01T10:00:00Z"))).send()
                    .assertAccepted();
            String retried = batchOf(200);
            List<CompletableFuture<Api.Reply>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                attempts.add(api.post(device).token(writer()).body(retried).sendAsync());
            }
            attempts.forEach(attempt -> attempt.join().assertAccepted());

            assertEquals(201, api.stored(device).getJsonArray("samples").size());
        }
    }

    @Test
    void sameInstantWithAnotherOffsetIsTheSameKey() {
        String device = Api.newDevice();
        api.post(device).token(writer()).body(batch(sample("a", "1", "2020-05-01T10:00:00Z"))).send().assertAccepted();
        api.post(device).token(writer()).body(batch(sample("a", "2", "2020-05-01T12:00:00+02:00"))).send().assertAccepted();

        assertEquals(List.of("a Raw 2020-05-01T10:00:00Z 2 number"), rows(api.stored(device)));
    }

    @Test
    void lastOccurrenceWithinABatchWins() {
        String device = Api.newDevice();
        api.post(device).token(writer()).body(batch(
                sample("a", "1", "2020-05-01T10:00:00Z"),
                sample("a", "2", "2020-05-01T10:00:00Z"),
                sample("a", "\"three\"", "2020-05-01T10:00:00Z"))).send().assertAccepted();

        assertEquals(List.of("a Raw 2020-05-01T10:00:00Z three string"), rows(api.stored(device)));
    }

    @Test
    void valuesKeepTheirJsonTypeAndExactText() {
        String device = Api.newDevice();
        String[] values = {"6.50", "\"6\"", "1e2", "-0", "12345678901234567890.123456789", "\"6.50\"", "\"ünï ☃ \\\"q\\\"\""};
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            samples.append(i == 0 ? "" : ",").append(sample("v" + i, values[i], "2020-05-01T10:00:00Z"));
        }
        api.post(device).token(writer()).body("[" + samples + "]").send().assertAccepted();

        assertEquals(List.of(
                "v0 Raw 2020-05-01T10:00:00Z 6.50 number",
                "v1 Raw 2020-05-01T10:00:00Z 6 string",
                "v2 Raw 2020-05-01T10:00:00Z 1e2 number",
                "v3 Raw 2020-05-01T10:00:00Z -0 number",
                "v4 Raw 2020-05-01T10:00:00Z 12345678901234567890.123456789 number",
                "v5 Raw 2020-05-01T10:00:00Z 6.50 string",
                "v6 Raw 2020-05-01T10:00:00Z ünï ☃ \"q\" string"), rows(api.stored(device)));
    }

    @Test
    void timestampsAreStoredAsUtcInstantsToTheMicrosecond() {
        String device = Api.newDevice();
        api.post(device).token(writer()).body(batch(
                sample("t", "1", "2018-01-27T01:00:00.123456+01:00"),
                sample("t", "2", "2018-01-27T00:00:00.000001Z"),
                sample("t", "3", "2018-01-26T19:30:00.5-05:00"))).send().assertAccepted();

        assertEquals(List.of(
                "t Raw 2018-01-27T00:00:00.000001Z 2 number",
                "t Raw 2018-01-27T00:00:00.123456Z 1 number",
                "t Raw 2018-01-27T00:30:00.5Z 3 number"), rows(api.stored(device)));
    }

    @Test
    void merticAndMetricAreOneField() {
        String device = Api.newDevice();
        api.post(device).token(writer()).body("""
                [{"timeseriesId":"a","val":1,"timestamp":"2020-05-01T10:00:00Z","metric":"Raw","mertic":"Raw"},
                 {"timeseriesId":"a","val":2,"timestamp":"2020-05-01T10:00:00Z","mertic":"Avg","unknown":[{"x":1}]}]
                """).send().assertAccepted();

        assertEquals(List.of("a Avg 2020-05-01T10:00:00Z 2 number", "a Raw 2020-05-01T10:00:00Z 1 number"),
                rows(api.stored(device)));
    }

    @Test
    void gzipBodyIsAccepted() {
        String device = Api.newDevice();
        api.post(device).token(writer()).gzipped(batch(sample("g", "\"zipped\"", "2020-05-01T10:00:00Z")))
                .send().assertAccepted();

        assertEquals(List.of("g Raw 2020-05-01T10:00:00Z zipped string"), rows(api.stored(device)));
    }

    @Test
    void jsonWithCharsetIsJson() {
        String device = Api.newDevice();
        api.post(device).token(writer()).header("Content-Type", "application/json; charset=UTF-8")
                .body(batch(sample("c", "1", "2020-05-01T10:00:00Z"))).send().assertAccepted();

        assertEquals(List.of("c Raw 2020-05-01T10:00:00Z 1 number"), rows(api.stored(device)));
    }

    @Test
    void aFullBatchOfTenThousandIsStored() {
        String device = Api.newDevice();
        api.post(device).token(writer()).body(batchOf(10_000)).send().assertAccepted();

        assertEquals(10_000, api.stored(device).getJsonArray("samples").size());
    }

    /** Each stored sample as "timeseriesId metric timestamp value type", in key order. */
    static List<String> rows(JsonObject stored) {
        JsonArray samples = stored.getJsonArray("samples");
        return samples.getValuesAs(JsonObject.class).stream()
                .map(row -> String.join(" ", row.getString("timeseriesId"), row.getString("metric"),
                        row.getString("timestamp"), row.getString("value"),
                        row.getBoolean("numeric") ? "number" : "string"))
                .toList();
    }
}
