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
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Aggregates on the samples GET (SPEC §9): every function, bucket edges, exact decimals, paging, every 400. */
class AggregatesIT extends ServerTest {

    private static final String COLLECTION = "aggregators";

    private String device;

    @BeforeEach
    void newDevice() {
        device = Api.newDevice();
    }

    private void store(String... samples) {
        StringJoiner batch = new StringJoiner(",", "[", "]");
        for (String sample : samples) {
            batch.add(sample);
        }
        api.post(device).token(TestTokens.groups("apollo_write").collections(COLLECTION).sign()).body(batch.toString())
                .send().assertAccepted();
    }

    private static String sample(String timeseries, String metric, String timestamp, String val) {
        return "{\"timeseriesId\":\"" + timeseries + "\",\"metric\":\"" + metric + "\",\"timestamp\":\"" + timestamp
                + "\",\"val\":" + val + "}";
    }

    private Api.Reply get(String query) {
        return api.get(device, query).token(TestTokens.groups("apollo_read").collections(COLLECTION).sign()).send();
    }

    private JsonArray data(String query) {
        return get(query).assertEnvelope(200, "").asJsonArray();
    }

    /** Each bucket as "timeseriesId/metric/timestamp=val#count", val as its JSON text. */
    private static List<String> buckets(JsonArray data) {
        return data.getValuesAs(JsonObject.class).stream()
                .map(b -> b.getString("timeseriesId") + "/" + b.getString("metric") + "/" + b.getString("timestamp")
                        + "=" + b.get("val") + "#" + b.getJsonNumber("count").longValue())
                .toList();
    }

    /**
     * Minute buckets of one series: 00:00 holds 0.1, "abc", 0.2 and 6.50 (the last one exactly at
     * 00:00:59.999999, sent with a +01:00 offset); 00:01 starts exactly at its minute and holds only
     * strings; 00:03 holds 1e2 and -3 (00:02 is empty).
     */
    private void storeMinutes() {
        store(sample("t", "Raw", "2021-03-01T00:00:00Z", "0.1"),
                sample("t", "Raw", "2021-03-01T00:00:10Z", "\"abc\""),
                sample("t", "Raw", "2021-03-01T00:00:20.5Z", "0.2"),
                sample("t", "Raw", "2021-03-01T01:00:59.999999+01:00", "6.50"),
                sample("t", "Raw", "2021-03-01T00:01:00Z", "\"first\""),
                sample("t", "Raw", "2021-03-01T00:01:30Z", "\"last\""),
                sample("t", "Raw", "2021-03-01T00:03:05Z", "1e2"),
                sample("t", "Raw", "2021-03-01T00:03:06Z", "-3"));
    }

    @Test
    void everyFunctionOverMinuteBucketsEqualsWhatTheTestComputes() {
        storeMinutes();
        BigDecimal sum0 = new BigDecimal("0.1").add(new BigDecimal("0.2")).add(new BigDecimal("6.50"));
        BigDecimal sum3 = new BigDecimal("1e2").add(new BigDecimal("-3"));
        Map<String, List<String>> expected = new TreeMap<>(Map.of(
                "count", List.of("4", "2", "2"),
                "sum", List.of(sum0.stripTrailingZeros().toPlainString(), "null",
                        sum3.stripTrailingZeros().toPlainString()),
                "avg", List.of(sum0.divide(BigDecimal.valueOf(3), MathContext.DECIMAL128).stripTrailingZeros()
                        .toPlainString(), "null", "48.5"),
                "min", List.of("0.1", "null", "-3"),
                "max", List.of("6.5", "null", "100"),
                "first", List.of("0.1", "\"first\"", "1E+2"),
                "last", List.of("6.50", "\"last\"", "-3")));
        assertEquals("6.8", expected.get("sum").get(0), "0.1 + 0.2 + 6.50, exactly");
        expected.forEach((function, values) -> assertEquals(List.of(
                        "t/Raw/2021-03-01T00:00:00+00:00=" + values.get(0) + "#4",
                        "t/Raw/2021-03-01T00:01:00+00:00=" + values.get(1) + "#2",
                        "t/Raw/2021-03-01T00:03:00+00:00=" + values.get(2) + "#2"),
                buckets(data("aggregation=" + function + "&interval=PT1M")), function));
        assertTrue(get("aggregation=first&interval=PT1M").text().contains("\"val\":1e2,"), "as stored, not 1E+2");
        assertTrue(get("aggregation=last&interval=PT1M").text().contains("\"val\":6.50,"), "as stored, not 6.5");
    }

    @Test
    void bucketsCarryTheirStartAsTimestampAndUnixTimestamp() {
        storeMinutes();
        JsonObject bucket = data("aggregation=count&interval=PT1H").getJsonObject(0);
        assertEquals(List.of("timeseriesId", "metric", "timestamp", "unixTimestamp", "val", "count"),
                List.copyOf(bucket.keySet()));
        assertEquals("2021-03-01T00:00:00+00:00", bucket.getString("timestamp"));
        assertEquals(Instant.parse("2021-03-01T00:00:00Z").toEpochMilli(),
                bucket.getJsonNumber("unixTimestamp").longValue());
        assertEquals(8, bucket.getInt("count"));
    }

    @Test
    void exactDecimalsWhereFloatingPointDrifts() {
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(sample("t", "Raw", "2021-03-01T00:00:0" + i + "Z", "0.1"));
        }
        samples.add(sample("t", "Raw", "2021-03-01T00:00:10Z", "1e-30"));
        samples.add(sample("t", "Raw", "2021-03-01T00:00:11Z", "123456789012345678901234567890"));
        store(samples.toArray(String[]::new));
        assertEquals(List.of("t/Raw/2021-03-01T00:00:00+00:00=123456789012345678901234567891.000000000000000000000000000001#12"),
                buckets(data("aggregation=sum&interval=P1D")));
        assertEquals(List.of("t/Raw/2021-03-01T00:00:00+00:00=1#10"),
                buckets(data("aggregation=sum&interval=PT10S&endTime=2021-03-01T00:00:10Z")));
    }

    @Test
    void seriesAreOrderedByBucketThenIdsAndFiltered() {
        store(sample("b", "Raw", "2021-03-01T00:00:00Z", "1"), sample("a", "Raw", "2021-03-01T00:00:01Z", "2"),
                sample("a", "Avg", "2021-03-01T00:00:02Z", "3"), sample("b", "Raw", "2021-03-01T00:00:10Z", "4"));
        assertEquals(List.of("a/Avg/2021-03-01T00:00:00+00:00=3#1", "a/Raw/2021-03-01T00:00:00+00:00=2#1",
                        "b/Raw/2021-03-01T00:00:00+00:00=1#1", "b/Raw/2021-03-01T00:00:10+00:00=4#1"),
                buckets(data("aggregation=max&interval=PT10S")));
        assertEquals(List.of("b/Raw/2021-03-01T00:00:10+00:00=4#1", "b/Raw/2021-03-01T00:00:00+00:00=1#1",
                        "a/Raw/2021-03-01T00:00:00+00:00=2#1", "a/Avg/2021-03-01T00:00:00+00:00=3#1"),
                buckets(data("aggregation=max&interval=PT10S&orderby=timestamp%20desc")));
        assertEquals(List.of("a/Raw/2021-03-01T00:00:00+00:00=2#1", "b/Raw/2021-03-01T00:00:00+00:00=1#1"),
                buckets(data("aggregation=max&interval=PT10S&metric=Raw&endTime=2021-03-01T00:00:10Z")));
        assertEquals(List.of("b/Raw/2021-03-01T00:00:10+00:00=4#1"),
                buckets(data("aggregation=max&interval=PT10S&timeseries_ids=b&startTime=2021-03-01T00:00:05Z")));
        assertEquals(List.of(), buckets(data("aggregation=max&interval=PT10S&timeseries_ids=nothing")));
    }

    /** Buckets years apart, before and after the epoch: a gap costs nothing and loses nothing. */
    @Test
    void bucketsFarApartAndBeforeTheEpoch() {
        store(sample("t", "Raw", "1969-12-31T23:59:59.5Z", "1"), sample("t", "Raw", "2000-01-01T00:00:00Z", "2"),
                sample("t", "Raw", "2030-06-01T12:00:00Z", "3"));
        assertEquals(List.of("t/Raw/1969-12-31T23:59:59+00:00=1#1", "t/Raw/2000-01-01T00:00:00+00:00=2#1",
                        "t/Raw/2030-06-01T12:00:00+00:00=3#1"),
                buckets(data("aggregation=sum&interval=PT1S&limit=3")));
        assertEquals(List.of("t/Raw/2030-06-01T12:00:00+00:00=3#1", "t/Raw/2000-01-01T00:00:00+00:00=2#1"),
                buckets(data("aggregation=sum&interval=PT1S&limit=2&orderby=timestamp%20desc")));
        assertEquals(List.of("t/Raw/1969-12-31T23:00:00+00:00=1#1", "t/Raw/2000-01-01T00:00:00+00:00=2#1",
                        "t/Raw/2030-06-01T12:00:00+00:00=3#1"),
                buckets(data("aggregation=sum&interval=PT1H")), "from the minutes table, before the epoch too");
    }

    /** Seconds buckets from the samples, and minutes buckets from the minutes table with a range that cuts minutes. */
    @Test
    void pagesOfBucketsJoinToTheWholeInBothOrders() {
        List<String> samples = new ArrayList<>();
        for (int second = 0; second < 600; second += 7) {
            for (String timeseries : List.of("x", "y", "z")) {
                if ((second + timeseries.charAt(0)) % 4 != 0) {
                    samples.add(sample(timeseries, "Raw", Instant.parse("2021-03-01T00:00:00Z").plusSeconds(second)
                            .toString(), String.valueOf(second)));
                }
            }
        }
        store(samples.toArray(String[]::new));
        for (String query : List.of("aggregation=avg&interval=PT30S",
                "aggregation=avg&interval=PT30S&orderby=timestamp%20desc",
                "aggregation=last&interval=PT1M&startTime=2021-03-01T00:00:30Z&endTime=2021-03-01T00:09:15.5Z",
                "aggregation=sum&interval=PT2M&startTime=2021-03-01T00:00:30Z&endTime=2021-03-01T00:09:15.5Z"
                        + "&orderby=timestamp%20desc")) {
            List<String> whole = buckets(data(query + "&limit=1000"));
            assertTrue(whole.size() > 14, query + ": more than two pages of 7: " + whole);
            List<String> paged = new ArrayList<>();
            String token = null;
            do {
                Api.Call call = api.get(device, query + "&limit=7&paginated=true")
                        .token(TestTokens.groups("apollo_read").collections(COLLECTION).sign());
                Api.Reply reply = (token == null ? call : call.header("ContinuationToken", token)).send();
                paged.addAll(buckets(reply.assertEnvelope(200, "").asJsonArray()));
                token = reply.header("ContinuationToken");
            } while (token != null);
            assertEquals(whole, paged, query);
        }
    }

    /**
     * Buckets of whole minutes come from the minutes table: after overwrites (numbers by strings
     * and back, in a batch that also adds samples to the same minutes) and a delete that cuts
     * minutes, with a range that cuts minutes too, every function still equals what the test
     * computes from the samples it knows are stored.
     */
    @Test
    void minuteBucketsStayExactThroughOverwritesAndDeletes() {
        Instant t0 = Instant.parse("2021-03-01T00:00:00Z");
        TreeMap<Instant, String> stored = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String val = i % 7 == 0 ? "\"s" + i + "\"" : i + ".25";
            samples.add(sample("t", "Raw", t0.plusSeconds(i).toString(), val));
            stored.put(t0.plusSeconds(i), val);
        }
        // A minute of strings only and one of numbers only, each to gain the other kind below.
        for (Map.Entry<Integer, String> first : Map.of(600, "\"only\"", 700, "1.5").entrySet()) {
            samples.add(sample("t", "Raw", t0.plusSeconds(first.getKey()).toString(), first.getValue()));
            stored.put(t0.plusSeconds(first.getKey()), first.getValue());
        }
        store(samples.toArray(String[]::new));
        List<String> overwrites = new ArrayList<>();
        for (int i = 0; i < 300; i += 13) {
            String val = i % 2 == 0 ? "\"over\"" : "-" + i;
            overwrites.add(sample("t", "Raw", t0.plusSeconds(i).toString(), val));
            stored.put(t0.plusSeconds(i), val);
            // New samples in the same batch and minutes as the overwrites.
            Instant between = t0.plusSeconds(i).plusMillis(500);
            overwrites.add(sample("t", "Raw", between.toString(), i + ".5"));
            stored.put(between, i + ".5");
        }
        for (Map.Entry<Integer, String> gained : Map.of(610, "7.25", 701, "\"text\"").entrySet()) {
            overwrites.add(sample("t", "Raw", t0.plusSeconds(gained.getKey()).toString(), gained.getValue()));
            stored.put(t0.plusSeconds(gained.getKey()), gained.getValue());
        }
        store(overwrites.toArray(String[]::new));
        api.delete(device, "startTime=2021-03-01T00:02:30Z&endTime=2021-03-01T00:03:15Z")
                .token(TestTokens.groups("apollo_write").collections(COLLECTION).sign()).send()
                .assertEnvelope(200, "");
        stored.subMap(t0.plusSeconds(150), t0.plusSeconds(195)).clear();
        assertEquals(stored.size(), api.assertMinutesExact(device).getJsonArray("samples").size());

        Instant from = t0.plusSeconds(20);
        Instant to = t0.plusSeconds(290);
        Map<Instant, List<Map.Entry<Instant, String>>> buckets = new TreeMap<>();
        stored.subMap(from, to).entrySet().forEach(entry -> buckets.computeIfAbsent(
                Instant.ofEpochSecond(Math.floorDiv(entry.getKey().getEpochSecond(), 120) * 120),
                start -> new ArrayList<>()).add(entry));
        for (String function : List.of("count", "sum", "min", "max", "first", "last")) {
            List<String> expected = new ArrayList<>();
            buckets.forEach((start, entries) -> {
                List<BigDecimal> numbers = entries.stream().map(Map.Entry::getValue).filter(v -> !v.startsWith("\""))
                        .map(BigDecimal::new).toList();
                String val = switch (function) {
                    case "count" -> String.valueOf(entries.size());
                    case "sum" -> numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add).stripTrailingZeros()
                            .toPlainString();
                    case "min" -> numbers.stream().min(BigDecimal::compareTo).orElseThrow().stripTrailingZeros()
                            .toPlainString();
                    case "max" -> numbers.stream().max(BigDecimal::compareTo).orElseThrow().stripTrailingZeros()
                            .toPlainString();
                    case "first" -> entries.get(0).getValue();
                    default -> entries.get(entries.size() - 1).getValue();
                };
                expected.add("t/Raw/" + start.toString().replace("Z", "+00:00") + "=" + val + "#" + entries.size());
            });
            assertEquals(expected, buckets(data("aggregation=" + function + "&interval=PT2M&startTime=" + from
                    + "&endTime=" + to)), function);
        }
    }

    /**
     * Batches that follow what their series hold, into the minutes of their last samples: all
     * their samples are new, so on PostgreSQL their minutes are computed from the batch and added
     * to the rows the table holds (H2 recomputes them). A minute of strings gains numbers (its
     * bounds were none), one of numbers gains a string and a new minimum, another series' first
     * minute is written, and one before the epoch gains a sample; each batch's first sample of a
     * series lies after the series' last, in the same minute.
     */
    @Test
    void batchesAfterTheStoredSamplesAddToTheirMinutes() {
        store(sample("t", "Raw", "2021-03-01T00:01:05Z", "\"a\""), sample("u", "Raw", "2021-03-01T00:01:10Z", "2.5"),
                sample("w", "Raw", "1969-12-31T23:59:30.25Z", "4"));
        store(sample("w", "Raw", "1969-12-31T23:59:59.999999Z", "-4.5"));
        store(sample("t", "Raw", "2021-03-01T00:01:20Z", "-1"), sample("t", "Raw", "2021-03-01T00:01:30Z", "9.75"),
                sample("u", "Raw", "2021-03-01T00:01:20Z", "\"c\""), sample("u", "Raw", "2021-03-01T00:01:30Z", "-3"),
                sample("u", "Raw", "2021-03-01T00:01:40Z", "7"), sample("v", "Raw", "2021-03-01T00:01:50Z", "1"));
        store(sample("t", "Raw", "2021-03-01T00:01:59.999999Z", "0.1"), sample("t", "Raw", "2021-03-01T00:02:00Z", "0.2"));
        api.assertMinutesExact(device);
        List<String> starts = List.of("w/Raw/1969-12-31T23:59:00+00:00", "t/Raw/2021-03-01T00:01:00+00:00",
                "u/Raw/2021-03-01T00:01:00+00:00", "v/Raw/2021-03-01T00:01:00+00:00", "t/Raw/2021-03-01T00:02:00+00:00");
        List<String> counts = List.of("#2", "#4", "#4", "#1", "#1");
        Map<String, List<String>> values = Map.of("sum", List.of("-0.5", "8.85", "6.5", "1", "0.2"),
                "min", List.of("-4.5", "-1", "-3", "1", "0.2"), "max", List.of("4", "9.75", "7", "1", "0.2"),
                "first", List.of("4", "\"a\"", "2.5", "1", "0.2"), "last", List.of("-4.5", "0.1", "7", "1", "0.2"));
        values.forEach((function, vals) -> assertEquals(
                IntStream.range(0, starts.size()).mapToObj(i -> starts.get(i) + "=" + vals.get(i) + counts.get(i))
                        .toList(),
                buckets(data("aggregation=" + function + "&interval=PT1M")), function));
    }

    /**
     * New samples added to minutes that hold samples already: a minute of strings gains a number
     * (its bounds were none), one of numbers gains a string and new bounds, one gains a sample
     * before its first; then a batch replaces a sample and adds new ones, one to a minute far from
     * it. The minutes table equals the minutes computed from the samples, and the minute buckets
     * equal what the test computes.
     */
    @Test
    void newSamplesAddToTheMinutesTheyJoin() {
        store(sample("t", "Raw", "2021-03-01T00:00:10Z", "\"a\""), sample("t", "Raw", "2021-03-01T00:01:10Z", "2.5"),
                sample("t", "Raw", "2021-03-01T00:01:20Z", "-1"), sample("t", "Raw", "2021-03-01T00:02:30Z", "4"));
        store(sample("t", "Raw", "2021-03-01T00:00:20Z", "0.1"), sample("t", "Raw", "2021-03-01T00:01:00Z", "\"b\""),
                sample("t", "Raw", "2021-03-01T00:01:30Z", "-7.25"), sample("t", "Raw", "2021-03-01T00:01:40Z", "10"),
                sample("t", "Raw", "2021-03-01T00:02:00.5Z", "0.2"));
        api.assertMinutesExact(device);
        assertEquals(List.of("t/Raw/2021-03-01T00:00:00+00:00=0.1#2", "t/Raw/2021-03-01T00:01:00+00:00=4.25#5",
                "t/Raw/2021-03-01T00:02:00+00:00=4.2#2"), buckets(data("aggregation=sum&interval=PT1M")));
        assertEquals(List.of("t/Raw/2021-03-01T00:00:00+00:00=0.1#2", "t/Raw/2021-03-01T00:01:00+00:00=-7.25#5",
                "t/Raw/2021-03-01T00:02:00+00:00=0.2#2"), buckets(data("aggregation=min&interval=PT1M")));
        assertEquals(List.of("t/Raw/2021-03-01T00:00:00+00:00=\"a\"#2", "t/Raw/2021-03-01T00:01:00+00:00=\"b\"#5",
                "t/Raw/2021-03-01T00:02:00+00:00=0.2#2"), buckets(data("aggregation=first&interval=PT1M")));

        store(sample("t", "Raw", "2021-03-01T00:00:10Z", "3"), sample("t", "Raw", "2021-03-01T00:30:00Z", "1"),
                sample("t", "Raw", "2021-03-01T00:02:40Z", "5"));
        api.assertMinutesExact(device);
        assertEquals(List.of("t/Raw/2021-03-01T00:00:00+00:00=3#2", "t/Raw/2021-03-01T00:01:00+00:00=10#5",
                "t/Raw/2021-03-01T00:02:00+00:00=5#3", "t/Raw/2021-03-01T00:30:00+00:00=1#1"),
                buckets(data("aggregation=max&interval=PT1M")));
    }

    @Test
    void aTokenContinuesOnlyItsOwnAggregate() {
        storeMinutes();
        Api.Reply first = get("aggregation=count&interval=PT1M&limit=1&paginated=true");
        String token = first.header("ContinuationToken");
        assertNotNull(token);
        for (String other : List.of("aggregation=count&interval=PT2M&limit=1&paginated=true",
                "aggregation=sum&interval=PT1M&limit=1&paginated=true", "limit=1&paginated=true")) {
            api.get(device, other).token(TestTokens.groups("apollo_read").collections(COLLECTION).sign())
                    .header("ContinuationToken", token).send().assertError(400, "Invalid continuation token");
        }
        Api.Reply second = api.get(device, "aggregation=count&interval=PT1M&limit=5&paginated=true")
                .token(TestTokens.groups("apollo_read").collections(COLLECTION).sign())
                .header("ContinuationToken", token).send();
        assertEquals(List.of("t/Raw/2021-03-01T00:01:00+00:00=2#2", "t/Raw/2021-03-01T00:03:00+00:00=2#2"),
                buckets(second.assertEnvelope(200, "").asJsonArray()));
        assertNull(second.header("ContinuationToken"));
    }

    @Test
    void everyInvalidCombinationIsNamed() {
        storeMinutes();
        get("aggregation=avg").assertError(400, "Invalid query: interval is required with aggregation");
        get("interval=PT1M").assertError(400, "Invalid query: aggregation is required with interval");
        get("aggregation=median&interval=PT1M").assertError(400,
                "Invalid query: aggregation must be one of avg, min, max, sum, count, first, last");
        for (String interval : List.of("PT0S", "PT0.5S", "PT1.5S", "P2D", "PT86401S", "-PT1M", "1m", "")) {
            get("aggregation=avg&interval=" + interval).assertError(400, "Invalid query: interval must be an ISO-8601"
                    + " duration of whole seconds from PT1S to P1D, such as PT1M");
        }
        get("aggregation=mean&interval=P2D&limit=0").assertError(400, "Invalid query: aggregation must be one of avg,"
                + " min, max, sum, count, first, last; interval must be an ISO-8601 duration of whole seconds from"
                + " PT1S to P1D, such as PT1M; limit must be a whole number from 1 to 1000");
        assertEquals(1, data("aggregation=AVG&interval=P1D").size(), "names are not case-sensitive");
        api.delete(device, "aggregation=count&interval=PT1M")
                .token(TestTokens.groups("apollo_write").collections(COLLECTION).sign()).send()
                .assertError(400, "Invalid query: aggregation does not apply to a DELETE, which removes every sample"
                        + " its filters match; interval does not apply to a DELETE, which removes every sample its"
                        + " filters match");
        assertEquals(8, data("limit=1000").size(), "the refused DELETE deleted nothing");
    }

    @Test
    void accessAsForSamples() {
        storeMinutes();
        api.get(device, "aggregation=count&interval=PT1M").send().assertError(401, "Missing or invalid bearer token");
        api.get(device, "aggregation=count&interval=PT1M").token(TestTokens.groups("apollo_read")
                .collections("others").sign()).send().assertError(403, "User does not have access to device");
        api.get(Api.newDevice(), "aggregation=count&interval=PT1M").token(TestTokens.groups("apollo_read")
                .collections(COLLECTION).sign()).send().assertError(404, "Device not found");
    }
}
