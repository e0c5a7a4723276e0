package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The document {@link OpenApiDocument} serves: valid OpenAPI, and its JSON twin the same data as its YAML. */
class OpenApiDocumentTest {

    private static final Path REGENERATED = Path.of("target", "openapi-document.json");

    /** openapi-generator validates a document with this parser (its "validate" command): no message is a valid document. */
    @Test
    void theDocumentIsValidOpenApi() throws IOException {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(
                new String(read(OpenApiDocument.YAML).readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(), result.getMessages());
    }

    /** On a difference the twin is written anew to target/: copy it over src/main/resources/META-INF/openapi-document.json. */
    @Test
    void theJsonTwinIsTheYamlDocument() throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(read(OpenApiDocument.YAML));
        InputStream twin = OpenApiDocument.class.getClassLoader().getResourceAsStream(OpenApiDocument.JSON);
        JsonNode json = twin == null ? null : new ObjectMapper().readTree(twin);
        if (!yaml.equals(json)) {
            Files.writeString(REGENERATED, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(yaml) + "\n");
            fail("openapi-document.json is missing or differs from openapi.yaml: copy " + REGENERATED.toAbsolutePath()
                    + " to src/main/resources/META-INF/openapi-document.json");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|application/yaml",
        "*/*|application/yaml",
        "application/json|application/json",
        "application/yaml|application/yaml",
        "application/x-yaml|application/yaml",
        "'application/json;q=0.5, application/yaml'|application/yaml",
        "'application/yaml;q=0.5, application/json'|application/json",
        "'text/html, */*;q=0.1'|application/yaml",
        "text/plain|text/plain",
        "'text/plain;q=0.5, application/json'|application/json",
        "'application/yaml;q=0, */*'|application/json",
        "'application/json;Q=0.5, application/yaml'|application/yaml"})
    void negotiatesYamlUnlessJsonIsPreferred(String accept, String type) {
        assertEquals(type, OpenApiDocument.negotiate(accept));
    }

    @Test
    void refusesWhatIsNeitherYamlNorJson() {
        assertNull(OpenApiDocument.negotiate("text/html"));
        assertNull(OpenApiDocument.negotiate("application/json;q=0, application/yaml;q=0"));
    }

    private static InputStream read(String resource) {
        InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            fail(resource + " is missing");
        }
        return in;
    }
}
