package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code /openapi}: every operation, every status it answers with, the envelope and the bearer scheme. */
class OpenApiIT extends ServerTest {

    private static final String SAMPLES = "/apollo/devices/{deviceId}/timeseries/samples";
    private static final String SERIES = "/apollo/devices/{deviceId}/timeseries";
    private static final String DEVICE = "/apollo/devices/{deviceId}";

    @Test
    void documentsEveryOperationWithEveryStatus() {
        JsonObject paths = document().getJsonObject("paths");
        assertEquals(Set.of(SAMPLES, SERIES, DEVICE), paths.keySet(), "only the API, no test resources");
        JsonObject samples = paths.getJsonObject(SAMPLES);
        assertEquals(Set.of("post", "get", "delete", "parameters"), samples.keySet());
        assertEquals(Set.of("202", "400", "401", "403", "406", "408", "413", "415", "429", "500", "503"),
                samples.getJsonObject("post").getJsonObject("responses").keySet());
        Set<String> delete = Set.of("200", "400", "401", "403", "404", "406", "500", "503");
        Set<String> read = Set.of("200", "400", "401", "403", "404", "406", "429", "500", "503");
        assertEquals(read, samples.getJsonObject("get").getJsonObject("responses").keySet());
        assertEquals(delete, samples.getJsonObject("delete").getJsonObject("responses").keySet());
        JsonObject series = paths.getJsonObject(SERIES);
        assertEquals(Set.of("get", "parameters"), series.keySet());
        assertEquals(read, series.getJsonObject("get").getJsonObject("responses").keySet());
        JsonObject device = paths.getJsonObject(DEVICE);
        assertEquals(Set.of("delete", "parameters"), device.keySet());
        assertEquals(delete, device.getJsonObject("delete").getJsonObject("responses").keySet());
    }

    @Test
    void documentsTheHeadersAndParameters() {
        JsonObject document = document();
        JsonObject parameters = document.getJsonObject("components").getJsonObject("parameters");
        for (String route : Set.of(SAMPLES, SERIES, DEVICE)) {
            assertEquals(Set.of("path:deviceId", "header:erCollectionId", "header:x-correlation-id"),
                    names(parameters, document.getJsonObject("paths").getJsonObject(route).getJsonArray("parameters")),
                    route);
        }
        JsonObject path = document.getJsonObject("paths").getJsonObject(SAMPLES);
        Set<String> filters = Set.of("query:timeseries_ids", "query:metric", "query:startTime", "query:endTime");
        Set<String> reading = new HashSet<>(filters);
        reading.addAll(Set.of("query:orderby", "query:limit", "query:paginated", "query:aggregation", "query:interval",
                "header:ContinuationToken"));
        assertEquals(reading, names(parameters, path.getJsonObject("get").getJsonArray("parameters")));
        assertEquals(filters, names(parameters, path.getJsonObject("delete").getJsonArray("parameters")));
        JsonObject series = document.getJsonObject("paths").getJsonObject(SERIES).getJsonObject("get");
        assertEquals(Set.of("query:limit", "header:ContinuationToken"), names(parameters, series.getJsonArray("parameters")));
        for (JsonObject paged : Set.of(path.getJsonObject("get"), series)) {
            assertTrue(paged.getJsonObject("responses").getJsonObject("200").getJsonObject("headers")
                    .containsKey("ContinuationToken"));
        }
    }

    @Test
    void everyResponseIsTheEnvelope() {
        JsonObject document = document();
        JsonObject shared = document.getJsonObject("components").getJsonObject("responses");
        for (String operation : Set.of(SAMPLES + " post", SAMPLES + " get", SAMPLES + " delete", SERIES + " get",
                DEVICE + " delete")) {
            String[] routeAndMethod = operation.split(" ");
            String method = routeAndMethod[1];
            JsonObject path = document.getJsonObject("paths").getJsonObject(routeAndMethod[0]);
            path.getJsonObject(method).getJsonObject("responses").forEach((status, value) -> {
                JsonObject response = value.asJsonObject().containsKey("$ref")
                        ? shared.getJsonObject(local(value.asJsonObject().getString("$ref")))
                        : value.asJsonObject();
                JsonObject content = response.getJsonObject("content").getJsonObject("application/json");
                JsonObject schema = content.getJsonObject("schema");
                List<JsonObject> schemas = schema.containsKey("anyOf")
                        ? schema.getJsonArray("anyOf").getValuesAs(JsonObject.class) : List.of(schema);
                for (JsonObject one : schemas) {
                    JsonObject properties = document.getJsonObject("components").getJsonObject("schemas")
                            .getJsonObject(local(one.getString("$ref"))).getJsonObject("properties");
                    assertEquals(Set.of("status", "data"), properties.keySet(), operation + " " + status);
                }
                assertTrue(response.getJsonObject("headers").containsKey("x-correlation-id"), operation + " " + status);
                List<JsonObject> examples = new ArrayList<>();
                if (content.containsKey("example")) {
                    examples.add(content.getJsonObject("example"));
                }
                if (content.containsKey("examples")) {
                    content.getJsonObject("examples").values()
                            .forEach(example -> examples.add(example.asJsonObject().getJsonObject("value")));
                }
                for (JsonObject example : examples) {
                    assertEquals(status, example.getJsonObject("status").getString("Code"), operation + " " + status);
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
        assertEquals(Sample.METRIC_LENGTH, parameters.getJsonObject("metric").getJsonObject("schema").getInt("maxLength"));
        assertEquals(Sample.TIMESERIES_ID_LENGTH, parameters.getJsonObject("timeseriesIds").getJsonObject("schema")
                .getJsonObject("items").getInt("maxLength"));
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

    /**
     * The document as written, byte for byte: YAML by default and on {@code Accept:
     * application/yaml}, JSON on {@code application/json} or {@code ?format=json}, 406 in the
     * envelope for anything else; never CORS with credentials (WildFly's own /openapi sent them).
     */
    @Test
    void theDocumentIsServedAsWritten() throws IOException {
        String source = Files.readString(Path.of("src/main/resources/META-INF/openapi.yaml"));
        for (String accept : List.of("", "application/yaml", "*/*", "application/json;q=0.5, application/yaml")) {
            Api.Call call = api.call("GET", "openapi");
            Api.Reply reply = (accept.isEmpty() ? call : call.header("Accept", accept))
                    .header("Origin", "https://other.example").send();
            assertEquals(200, reply.status(), accept);
            assertTrue(reply.header("Content-Type").toLowerCase(Locale.ROOT).startsWith("application/yaml"),
                    reply.header("Content-Type"));
            assertEquals(source, reply.text(), accept);
            assertNull(reply.header("Access-Control-Allow-Credentials"));
            assertNull(reply.header("Access-Control-Allow-Origin"));
        }
        JsonNode written = new YAMLMapper().readTree(source);
        for (Api.Reply json : List.of(api.call("GET", "openapi?format=json").send(),
                api.call("GET", "openapi").header("Accept", "application/json").send())) {
            assertEquals(200, json.status());
            assertTrue(json.header("Content-Type").startsWith("application/json"), json.header("Content-Type"));
            assertEquals(written, new ObjectMapper().readTree(json.text()));
        }
        api.call("GET", "openapi").header("Accept", "text/html").send()
                .assertError(406, "Not acceptable: the OpenAPI document is application/yaml or application/json");
        api.call("GET", "openapi?format=xml").send().assertError(400, "Invalid query: format must be json or yaml");
    }

    private JsonObject document() {
        Api.Reply reply = api.call("GET", "openapi").header("Accept", "application/json").send();
        assertEquals(200, reply.status(), reply.text());
        return reply.json();
    }

    /** "in:name" of each parameter, written out or a reference to the shared ones. */
    private static Set<String> names(JsonObject shared, JsonArray parameters) {
        return parameters.stream()
                .map(JsonValue::asJsonObject)
                .map(parameter -> parameter.containsKey("$ref")
                        ? shared.getJsonObject(local(parameter.getString("$ref"))) : parameter)
                .map(parameter -> parameter.getString("in") + ":" + parameter.getString("name"))
                .collect(Collectors.toSet());
    }

    private static String local(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }
}
