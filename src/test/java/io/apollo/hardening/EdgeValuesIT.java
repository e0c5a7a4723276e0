package io.apollo.hardening;

import static io.apollo.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edge values at the limits of the rules (docs/api.md §4, "Edge values"): each is either stored and
 * returned exactly, or refused with a 400 that names its field, and nothing of it stored.
 */
class EdgeValuesIT extends ServerTest {

    private static final String TOKEN = TestTokens.groups("apollo_write").collections("edges").sign();

    /** A field of a sample as JSON text, the instant it stands for, the text GET returns. */
    private record Accepted(String name, String timeseriesId, String val, String timestamp, String returnedTimestamp) {
    }

    private static final List<Accepted> ACCEPTED = List.of(
            new Accepted("offset +14:00", "ts", "1", "2018-01-27T00:00:00+14:00", "2018-01-26T10:00:00+00:00"),
            new Accepted("offset -12:00", "ts", "1", "2018-01-27T00:00:00-12:00", "2018-01-27T12:00:00+00:00"),
            new Accepted("offset -00:00 is UTC", "ts", "1", "2018-01-27T00:00:00-00:00", "2018-01-27T00:00:00+00:00"),
            new Accepted("year 0001", "ts", "1", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00"),
            new Accepted("year 9999", "ts", "1", "9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999+00:00"),
            new Accepted("one microsecond", "ts", "1", "2018-01-27T00:00:00.000001Z", "2018-01-27T00:00:00.000001+00:00"),
            new Accepted("no seconds", "ts", "1", "2018-01-27T00:00+01:00", "2018-01-26T23:00:00+00:00"),
            new Accepted("minus zero", "ts", "-0", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("tiny exponent", "ts", "1e-7", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("below the smallest double", "ts", "1e-400", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("most decimal places", "ts", "1.5e-16382", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("30-digit integer", "ts", "123456789012345678901234567890", "2018-01-27T00:00:00Z",
                    "2018-01-27T00:00:00+00:00"),
            new Accepted("largest double", "ts", "1.7976931348623157e308", "2018-01-27T00:00:00Z",
                    "2018-01-27T00:00:00+00:00"),
            new Accepted("string with NUL escaped as text", "ts", "\"a\\\\u0000b\"", "2018-01-27T00:00:00Z",
                    "2018-01-27T00:00:00+00:00"),
            new Accepted("the string NULL", "ts", "\"NULL\"", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("string like an array literal", "ts", "\"{1, \\\"b\\\"} \\\\ ,\"", "2018-01-27T00:00:00Z",
                    "2018-01-27T00:00:00+00:00"),
            new Accepted("string with outer spaces", "ts", "\"  x  \"", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("string with a tab and a newline", "ts", "\"line\\t1\\nline 2\"", "2018-01-27T00:00:00Z",
                    "2018-01-27T00:00:00+00:00"),
            new Accepted("id with quotes", "say \\\"hi\\\" 'there'", "1", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("id with percent", "100%25 %s %n", "1", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("id with SQL", "'; DROP TABLE samples; --", "1", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("id in Unicode", "température-温度-🌡️", "1", "2018-01-27T00:00:00Z", "2018-01-27T00:00:00+00:00"),
            new Accepted("id of 64 astral characters (128 UTF-16 units)", "😀".repeat(64), "1", "2018-01-27T00:00:00Z",
                    "2018-01-27T00:00:00+00:00"));

    /** A sample's JSON with one field as given, the field the 400 must name. */
    private record Refused(String name, String sample, String field) {
    }

    private static final List<Refused> REFUSED = List.of(
            new Refused("hour 24", sample("ts", "1", "2018-01-27T24:00:00Z"), "timestamp"),
            new Refused("month 13", sample("ts", "1", "2018-13-01T00:00:00Z"), "timestamp"),
            new Refused("year 10000", sample("ts", "1", "10000-01-01T00:00:00Z"), "timestamp"),
            new Refused("year 10000 in UTC", sample("ts", "1", "9999-12-31T23:00:00-01:00"), "timestamp"),
            new Refused("year 0 in UTC", sample("ts", "1", "0001-01-01T00:00:00+00:01"), "timestamp"),
            new Refused("leap second", sample("ts", "1", "2016-12-31T23:59:60Z"), "timestamp"),
            new Refused("nanoseconds", sample("ts", "1", "2018-01-27T00:00:00.0000001Z"), "timestamp"),
            new Refused("offset +19:00", sample("ts", "1", "2018-01-27T00:00:00+19:00"), "timestamp"),
            new Refused("no offset", sample("ts", "1", "2018-01-27T00:00:00"), "timestamp"),
            new Refused("lower-case t", sample("ts", "1", "2018-01-27t00:00:00Z"), "timestamp"),
            new Refused("1e400", sample("ts", "1e400", "2018-01-27T00:00:00Z"), "val"),
            new Refused("-1e400", sample("ts", "-1e400", "2018-01-27T00:00:00Z"), "val"),
            new Refused("1e-16384", sample("ts", "1e-16384", "2018-01-27T00:00:00Z"), "val"),
            new Refused("0e-99999", sample("ts", "0e-99999", "2018-01-27T00:00:00Z"), "val"),
            new Refused("NUL in a string value", sample("ts", "\"a\\u0000b\"", "2018-01-27T00:00:00Z"), "val"),
            new Refused("lone surrogate in a value", sample("ts", "\"\\ud800\"", "2018-01-27T00:00:00Z"), "val"),
            new Refused("control character in an id", sample("a\\u0001b", "1", "2018-01-27T00:00:00Z"), "timeseriesId"),
            new Refused("DEL in an id", sample("a\\u007fb", "1", "2018-01-27T00:00:00Z"), "timeseriesId"),
            new Refused("C1 control in an id", sample("a\\u0085b", "1", "2018-01-27T00:00:00Z"), "timeseriesId"),
            new Refused("lone surrogate in an id", sample("a\\udc00", "1", "2018-01-27T00:00:00Z"), "timeseriesId"),
            new Refused("tab in a metric", "{\"timeseriesId\":\"ts\",\"val\":1,\"timestamp\":\"2018-01-27T00:00:00Z\","
                    + "\"metric\":\"a\\tb\"}", "metric"),
            new Refused("id of 129 UTF-16 units", sample("😀".repeat(64) + "x", "1", "2018-01-27T00:00:00Z"), "timeseriesId"),
            new Refused("val given twice", "{\"timeseriesId\":\"ts\",\"val\":1,\"val\":2,\"timestamp\":\"2018-01-27T00:00:00Z\","
                    + "\"metric\":\"Raw\"}", "val"),
            new Refused("timestamp given twice", "{\"timeseriesId\":\"ts\",\"val\":1,\"timestamp\":\"2018-01-27T00:00:00Z\","
                    + "\"timestamp\":\"2018-01-27T00:00:00Z\",\"metric\":\"Raw\"}", "timestamp"));

    @Test
    void storedAndReturnedExactly() {
        for (Accepted edge : ACCEPTED) {
            String device = Api.newDevice();
            api.post(device).token(TOKEN).body("[" + sample(edge.timeseriesId, edge.val, edge.timestamp) + "]").send()
                    .assertAccepted();
            Api.Reply reply = api.get(device, "").token(TOKEN).send();
            JsonValue data = reply.assertEnvelope(200, "");
            assertEquals(1, data.asJsonArray().size(), edge.name);
            JsonObject returned = data.asJsonArray().getJsonObject(0);
            JsonObject sent = Json.createReader(new StringReader(sample(edge.timeseriesId, edge.val, edge.timestamp)))
                    .readObject();
            assertEquals(sent.getString("timeseriesId"), returned.getString("timeseriesId"), edge.name);
            assertEquals(edge.returnedTimestamp, returned.getString("timestamp"), edge.name);
            assertEquals(edge.val, valText(reply.text()), edge.name);
        }
    }

    @Test
    void refusedNamingTheFieldWithNothingStored() {
        for (Refused edge : REFUSED) {
            String device = Api.newDevice();
            String valid = sample("other", "1", "2018-01-27T00:00:00Z");
            Api.Reply reply = api.post(device).token(TOKEN).body("[" + valid + "," + edge.sample + "]").send();
            JsonObject data = reply.assertEnvelope(400, "Invalid samples: 1 problem").asJsonObject();
            assertEquals(1, data.getInt("errorCount"), edge.name + ": " + reply.text());
            JsonObject error = data.getJsonArray("errors").getJsonObject(0);
            assertEquals(1, error.getInt("index"), edge.name);
            assertEquals(edge.field, error.getString("field"), edge.name + ": " + reply.text());
            assertFalse(error.getString("message").isBlank(), edge.name);
            assertNothingStored(device, edge.name);
        }
    }

    @Test
    void deviceIdsWithQuotesPercentSqlAndUnicodeAreStoredAndRead() {
        for (String device : List.of("dev'\"" + System.nanoTime(), "100% " + System.nanoTime(),
                "'; DROP TABLE devices; -- " + System.nanoTime(), "温度計-🌡️-" + System.nanoTime())) {
            api.post(device).token(TOKEN).body("[" + sample("ts", "1", "2018-01-27T00:00:00Z") + "]").send()
                    .assertAccepted();
            assertEquals(1, api.get(device, "").token(TOKEN).send().assertEnvelope(200, "").asJsonArray().size(), device);
            assertTrue(api.stored(device).getBoolean("exists"), device);
        }
    }

    @Test
    void deviceIdsWithSlashesDotSegmentsOrControlCharactersAreRefused() {
        String message = "deviceId must not be . or .., nor contain /, \\ or control characters";
        for (String device : List.of("a/b", "/", "a\u0001b", "a\u007fb", "a\tb", "a\u0085b", ".", "..")) {
            api.post(device).token(TOKEN).body("[" + sample("ts", "1", "2018-01-27T00:00:00Z") + "]").send()
                    .assertError(400, message);
            api.get(device, "").token(TOKEN).send().assertError(400, message);
            assertNothingStored(device, device);
        }
    }

    /** Odd ids as timeseries and metric: stored, returned exactly, and found again by GET's filters. */
    @Test
    void oddIdsAreFilteredAndReturnedExactly() {
        for (String id : List.of("say \"hi\" 'there'", "100% %s", "'; DROP TABLE samples; --", "température-温度-🌡️",
                "back\\slash", "a+b=c&d")) {
            String device = Api.newDevice();
            JsonObject sample = Json.createObjectBuilder().add("timeseriesId", id).add("val", 1)
                    .add("timestamp", "2018-01-27T00:00:00Z").add("metric", id).build();
            JsonObject other = Json.createObjectBuilder().add("timeseriesId", "other").add("val", 2)
                    .add("timestamp", "2018-01-27T00:00:00Z").add("metric", "other").build();
            api.post(device).token(TOKEN).body(Json.createArrayBuilder().add(sample).add(other).build().toString()).send()
                    .assertAccepted();
            String query = "timeseries_ids=" + queryValue(id) + "&metric=" + queryValue(id);
            JsonValue data = api.get(device, query).token(TOKEN).send().assertEnvelope(200, "");
            assertEquals(1, data.asJsonArray().size(), id);
            assertEquals(id, data.asJsonArray().getJsonObject(0).getString("timeseriesId"));
            assertEquals(id, data.asJsonArray().getJsonObject(0).getString("metric"));
        }
    }

    private static String queryValue(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * An encoded backslash: Payara Micro 6's HTTP layer refuses it itself with an empty 400
     * ("Invalid URI", payara/Payara#8142), before the application; other servers pass it on and
     * the service refuses it. Either way a 400, and nothing stored.
     */
    @Test
    void deviceIdWithABackslashIsRefused() {
        String device = "a\\b" + System.nanoTime();
        Api.Reply reply = api.post(device).token(TOKEN).body("[" + sample("ts", "1", "2018-01-27T00:00:00Z") + "]").send();
        if (reply.text().isEmpty()) {
            assertEquals(400, reply.status());
        } else {
            reply.assertError(400, "deviceId must not be . or .., nor contain /, \\ or control characters");
            assertNothingStored(device, device);
        }
    }

    private void assertNothingStored(String device, String name) {
        JsonObject stored = api.stored(device);
        assertFalse(stored.getBoolean("exists"), name);
        assertEquals(0, stored.getJsonArray("samples").size(), name);
    }

    /** The {@code val} of the only sample of a GET's body, as its JSON text. */
    private static String valText(String body) {
        int start = body.indexOf("\"val\":") + "\"val\":".length();
        int end = body.charAt(start) == '"' ? closingQuote(body, start) + 1 : indexOfAny(body, start, ",}");
        return body.substring(start, end);
    }

    private static int closingQuote(String text, int openingQuote) {
        for (int i = openingQuote + 1; ; i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
    }

    private static int indexOfAny(String text, int from, String characters) {
        int i = from;
        while (characters.indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
