package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.samples.boundary.SampleBatchReader;
import io.apollo.samples.entity.Device;
import io.apollo.samples.entity.Sample;
import io.apollo.testing.Api;
import io.apollo.testing.ServerTest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code /openapi}: both operations, every status they answer with, the envelope and the bearer scheme. */
class OpenApiIT extends ServerTest {

    private static final String SAMPLES = "/apollo/devices/{deviceId}/timeseries/samples";

    @Test
    void documentsBothOperationsWithEveryStatus() {
        JsonObject path = document().getJsonObject("paths").getJsonObject(SAMPLES);
        assertEquals(Set.of("post", "get", "parameters"), path.keySet(), "only the API, no test resources");
        assertEquals(Set.of("202", "400", "401", "403", "406", "408", "413", "415", "500"),
                path.getJsonObject("post").getJsonObject("responses").keySet());
        assertEquals(Set.of("200", "400", "401", "403", "404", "406", "500"),
                path.getJsonObject("get").getJsonObject("responses").keySet());
    }

    @Test
    void documentsTheHeadersAndParameters() {
        JsonObject document = document();
        JsonObject path = document.getJsonObject("paths").getJsonObject(SAMPLES);
        JsonObject parameters = document.getJsonObject("components").getJsonObject("parameters");
        Set<String> shared = path.getJsonArray("parameters").stream()
                .map(reference -> parameter(parameters, reference.asJsonObject()))
                .map(parameter -> parameter.getString("in") + ":" + parameter.getString("name"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("path:deviceId", "header:erCollectionId", "header:x-correlation-id"), shared);
        Set<String> reading = path.getJsonObject("get").getJsonArray("parameters").stream()
                .map(JsonValue::asJsonObject)
                .map(parameter -> parameter.getString("in") + ":" + parameter.getString("name"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("query:timeseries_ids", "query:metric", "query:startTime", "query:endTime", "query:orderby",
                "query:limit", "query:paginated", "header:ContinuationToken"), reading);
        assertTrue(path.getJsonObject("get").getJsonObject("responses").getJsonObject("200").getJsonObject("headers")
                .containsKey("ContinuationToken"));
    }

    @Test
    void everyResponseIsTheEnvelope() {
        JsonObject document = document();
        JsonObject path = document.getJsonObject("paths").getJsonObject(SAMPLES);
        JsonObject shared = document.getJsonObject("components").getJsonObject("responses");
        for (String method : Set.of("post", "get")) {
            path.getJsonObject(method).getJsonObject("responses").forEach((status, value) -> {
                JsonObject response = value.asJsonObject().containsKey("$ref")
                        ? shared.getJsonObject(local(value.asJsonObject().getString("$ref")))
                        : value.asJsonObject();
                JsonObject content = response.getJsonObject("content").getJsonObject("application/json");
                String schema = local(content.getJsonObject("schema").getString("$ref"));
                JsonObject properties = document.getJsonObject("components").getJsonObject("schemas")
                        .getJsonObject(schema).getJsonObject("properties");
                assertEquals(Set.of("status", "data"), properties.keySet(), method + " " + status);
                assertTrue(response.getJsonObject("headers").containsKey("x-correlation-id"), method + " " + status);
                if (content.containsKey("example")) {
                    assertEquals(status, content.getJsonObject("example").getJsonObject("status").getString("Code"),
                            method + " " + status);
                }
            });
        }
    }

    @Test
    void theRequestExampleIsTheApiPagesAndTheSchemeIsBearer() {
        JsonObject document = document();
        JsonArray example = document.getJsonObject("paths").getJsonObject(SAMPLES).getJsonObject("post")
                .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonArray("example");
        assertEquals(Json.createReader(new StringReader("""
                [{"timeseriesId": "51922b39-8cd3-9ae3-d42f-6c8fde777e9c", "val": 6, "timestamp": "2018-01-27T00:00:00+00:00", "mertic": "Raw"},
                 {"timeseriesId": "51922b39-8cd3-9ae3-d42f-6c8fde777e9c", "val": 7, "timestamp": "2018-01-27T00:15:00+00:00", "mertic": "Raw"}]
                """)).readArray(), example);
        JsonObject bearer = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer");
        assertEquals("http", bearer.getString("type"));
        assertEquals("bearer", bearer.getString("scheme"));
        assertEquals("JWT", bearer.getString("bearerFormat"));
        assertEquals(Json.createObjectBuilder().add("bearer", Json.createArrayBuilder()).build(),
                document.getJsonArray("security").getJsonObject(0));
    }

    @Test
    void limitsAreTheServicesAndTheExampleFitsTheSchema() {
        JsonObject document = document();
        JsonObject components = document.getJsonObject("components");
        JsonObject sample = components.getJsonObject("schemas").getJsonObject("SampleIn");
        JsonObject properties = sample.getJsonObject("properties");
        assertEquals(Sample.TIMESERIES_ID_LENGTH, properties.getJsonObject("timeseriesId").getInt("maxLength"));
        assertEquals(Sample.METRIC_LENGTH, properties.getJsonObject("metric").getInt("maxLength"));
        assertEquals(Sample.METRIC_LENGTH, properties.getJsonObject("mertic").getInt("maxLength"));
        assertEquals(Sample.VALUE_LENGTH, properties.getJsonObject("val").getJsonArray("oneOf").getJsonObject(1)
                .getInt("maxLength"));
        JsonObject parameters = components.getJsonObject("parameters");
        assertEquals(Device.ID_LENGTH, parameters.getJsonObject("deviceId").getJsonObject("schema").getInt("maxLength"));
        assertEquals(Device.COLLECTION_LENGTH,
                parameters.getJsonObject("erCollectionId").getJsonObject("schema").getInt("maxLength"));
        JsonObject body = document.getJsonObject("paths").getJsonObject(SAMPLES).getJsonObject("post")
                .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json");
        assertEquals(SampleBatchReader.DEFAULT_MAX_SAMPLES, body.getJsonObject("schema").getInt("maxItems"));
        Set<String> required = sample.getJsonArray("required").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toSet());
        for (JsonValue item : body.getJsonArray("example")) {
            assertTrue(properties.keySet().containsAll(item.asJsonObject().keySet()), item.toString());
            assertTrue(item.asJsonObject().keySet().containsAll(required), item.toString());
        }
    }

    private JsonObject document() {
        Api.Reply reply = api.call("GET", "openapi").header("Accept", "application/json").send();
        assertEquals(200, reply.status(), reply.text());
        return reply.json();
    }

    private static JsonObject parameter(JsonObject parameters, JsonObject reference) {
        return parameters.getJsonObject(local(reference.getString("$ref")));
    }

    private static String local(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }
}
