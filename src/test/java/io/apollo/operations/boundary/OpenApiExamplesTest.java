package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every example of the document {@link OpenApiDocument} serves is valid against the schema it
 * illustrates: request and response bodies' {@code example} and {@code examples}, parameters' and
 * headers', and schemas' own {@code example}. The schemas are read in OpenAPI 3.0's dialect
 * ({@code nullable}), with formats asserted, and {@code $ref}s resolved in the document itself.
 * The document is walked as a JSON tree rather than as swagger-parser's model so that each
 * example keeps its JSON pointer, which the failure names.
 */
class OpenApiExamplesTest {

    /** Where the validator files the document; never fetched. */
    private static final String DOCUMENT = "https://apollo.invalid/openapi.json";
    /** The examples the document had when this test was written: fewer means the walk missed some. */
    private static final int AT_LEAST = 23;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");
    private static final List<String> SUBSCHEMAS = List.of("items", "not", "additionalProperties");

    private final List<String> problems = new ArrayList<>();
    private JsonNode document;
    private SchemaRegistry schemas;
    private int checked;

    @Test
    void everyExampleIsValidAgainstItsSchema() throws IOException {
        try (InputStream yaml = OpenApiDocument.class.getClassLoader().getResourceAsStream(OpenApiDocument.YAML)) {
            if (yaml == null) {
                fail(OpenApiDocument.YAML + " is missing");
            }
            document = new YAMLMapper().readTree(yaml);
        }
        schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), registry -> registry
                .schemas(Map.of(DOCUMENT, document.toString()))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).locale(Locale.ROOT).build()));

        document.path("paths").properties().forEach(path -> pathItem(path.getValue(), pointer("/paths", path.getKey()), path.getKey()));
        JsonNode components = document.path("components");
        components.path("parameters").properties().forEach(parameter -> parameterOrHeader(parameter.getValue(),
                pointer("/components/parameters", parameter.getKey()), "parameter " + parameter.getKey()));
        components.path("headers").properties().forEach(header -> parameterOrHeader(header.getValue(),
                pointer("/components/headers", header.getKey()), "header " + header.getKey()));
        components.path("requestBodies").properties().forEach(body -> content(body.getValue(),
                pointer("/components/requestBodies", body.getKey()), "request body " + body.getKey()));
        components.path("responses").properties().forEach(response -> response(response.getValue(),
                pointer("/components/responses", response.getKey()), "response " + response.getKey()));
        components.path("schemas").properties().forEach(schema -> schema(schema.getValue(),
                pointer("/components/schemas", schema.getKey()), "schema " + schema.getKey()));

        if (!problems.isEmpty()) {
            fail(problems.size() + " example(s) invalid against their schema:\n" + String.join("\n", problems));
        }
        assertTrue(checked >= AT_LEAST, "Only " + checked + " examples found, fewer than the " + AT_LEAST
                + " the document had: did the walk miss some, or were examples removed (then lower AT_LEAST)?");
    }

    private void pathItem(JsonNode item, String at, String path) {
        parameters(item, at, path);
        item.properties().forEach(operation -> {
            if (!METHODS.contains(operation.getKey())) {
                return;
            }
            String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path;
            String operationAt = pointer(at, operation.getKey());
            parameters(operation.getValue(), operationAt, name);
            JsonNode body = operation.getValue().path("requestBody");
            if (!body.has("$ref")) {
                content(body, pointer(operationAt, "requestBody"), name + " request");
            }
            operation.getValue().path("responses").properties().forEach(response -> response(response.getValue(),
                    pointer(operationAt, "responses", response.getKey()), name + " response " + response.getKey()));
        });
    }

    private void parameters(JsonNode owner, String at, String name) {
        JsonNode parameters = owner.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            parameterOrHeader(parameter, pointer(at, "parameters", String.valueOf(i)), name + " parameter " + parameter.path("name").asText());
        }
    }

    /** A $ref is skipped here: what it names is walked under components. */
    private void response(JsonNode response, String at, String name) {
        if (response.has("$ref")) {
            return;
        }
        response.path("headers").properties().forEach(header -> parameterOrHeader(header.getValue(),
                pointer(at, "headers", header.getKey()), name + " header " + header.getKey()));
        content(response, at, name);
    }

    private void parameterOrHeader(JsonNode parameter, String at, String name) {
        if (parameter.has("$ref")) {
            return;
        }
        if (parameter.has("schema")) {
            schema(parameter.get("schema"), pointer(at, "schema"), name + " schema");
        }
        examples(parameter, at, pointer(at, "schema"), name);
        content(parameter, at, name);
    }

    private void content(JsonNode owner, String at, String name) {
        owner.path("content").properties().forEach(media -> {
            String mediaAt = pointer(at, "content", media.getKey());
            String mediaName = name + " " + media.getKey();
            if (media.getValue().has("schema")) {
                schema(media.getValue().get("schema"), pointer(mediaAt, "schema"), mediaName + " schema");
            }
            examples(media.getValue(), mediaAt, pointer(mediaAt, "schema"), mediaName);
        });
    }

    /** A schema's own example, and those of the schemas inside it; a $ref is walked where it points. */
    private void schema(JsonNode schema, String at, String name) {
        if (!schema.isObject() || schema.has("$ref")) {
            return;
        }
        if (schema.has("example")) {
            check(schema.get("example"), pointer(at, "example"), at, name + " example");
        }
        schema.path("properties").properties().forEach(property -> schema(property.getValue(),
                pointer(at, "properties", property.getKey()), name + "." + property.getKey()));
        for (String keyword : SUBSCHEMAS) {
            if (schema.has(keyword)) {
                schema(schema.get(keyword), pointer(at, keyword), name + " " + keyword);
            }
        }
        for (String keyword : SUBSCHEMA_LISTS) {
            JsonNode list = schema.path(keyword);
            for (int i = 0; i < list.size(); i++) {
                schema(list.get(i), pointer(at, keyword, String.valueOf(i)), name + " " + keyword + "[" + i + "]");
            }
        }
    }

    /** The example and the named examples of a parameter, header or media type, against its schema. */
    private void examples(JsonNode owner, String at, String schemaAt, String name) {
        if (!owner.has("example") && !owner.has("examples")) {
            return;
        }
        if (!owner.has("schema")) {
            problems.add(name + " (#" + at + "): has examples but no schema to check them against");
            return;
        }
        if (owner.has("example")) {
            check(owner.get("example"), pointer(at, "example"), schemaAt, name + " example");
        }
        owner.path("examples").properties().forEach(example -> {
            String exampleAt = pointer(at, "examples", example.getKey());
            JsonNode value = example.getValue();
            if (value.has("$ref")) {
                exampleAt = value.get("$ref").asText().substring(1);
                value = document.at(exampleAt);
            }
            String exampleName = name + " example '" + example.getKey() + "'";
            if (value.has("value")) {
                check(value.get("value"), pointer(exampleAt, "value"), schemaAt, exampleName);
            } else {
                problems.add(exampleName + " (#" + exampleAt + "): no value to check (an externalValue is not read)");
            }
        });
    }

    private void check(JsonNode example, String exampleAt, String schemaAt, String name) {
        checked++;
        String errors = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + schemaAt)).validate(example).stream()
                .map(OpenApiExamplesTest::describe).collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            problems.add(name + " (#" + exampleAt + "): " + errors);
        }
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation().toString();
        return (where.isEmpty() ? "the value" : where) + ": " + error.getMessage();
    }

    /** A JSON pointer: at, then each token escaped (RFC 6901). */
    private static String pointer(String at, String... tokens) {
        StringBuilder pointer = new StringBuilder(at);
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
