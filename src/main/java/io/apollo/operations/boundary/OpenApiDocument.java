package io.apollo.operations.boundary;

import io.apollo.envelope.boundary.ContainerErrorServlet;
import io.apollo.envelope.boundary.ErrorResponses;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /openapi}: the API's contract as written, {@code META-INF/openapi.yaml} byte for
 * byte, or its JSON twin ({@code META-INF/openapi-document.json}, kept equal to it by
 * {@code OpenApiDocumentTest}) on {@code Accept: application/json} or {@code ?format=json}.
 *
 * <p>Served by the WAR, not by the servers' MicroProfile OpenAPI, which rewrite the document:
 * Payara Micro 6 adds a root {@code endpoints} property (not OpenAPI: generators refuse it),
 * drops empty strings and {@code {}} from examples (which then break their own schemas), leaves
 * timestamps unquoted, serves YAML as {@code text/plain} and answers {@code application/yaml}
 * with 406; WildFly allows any origin with credentials. Both are turned off
 * (microprofile-config.properties, server-config/payara), and this servlet's mappings take
 * {@code /openapi} from Payara's.
 */
@WebServlet({"/openapi", "/openapi/*"})
public class OpenApiDocument extends HttpServlet {

    static final String YAML = "META-INF/openapi.yaml";
    static final String JSON = "META-INF/openapi-document.json";
    private static final String APPLICATION_YAML = "application/yaml";
    private static final String APPLICATION_JSON = "application/json";
    private static final String TEXT_PLAIN = "text/plain";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null && !"/".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String format = request.getParameter("format");
        String type = format == null ? negotiate(request.getHeader("Accept")) : byFormat(format);
        if (type == null) {
            String message = format == null
                    ? "Not acceptable: the OpenAPI document is application/yaml or application/json"
                    : "Invalid query: format must be json or yaml";
            int status = format == null ? 406 : 400;
            ContainerErrorServlet.write(response, ErrorResponses.envelope(status, message, Map.of()).build());
            return;
        }
        response.setHeader("Vary", "Accept");
        response.setContentType(type + ";charset=UTF-8");
        try (InputStream document = getClass().getClassLoader().getResourceAsStream(
                APPLICATION_JSON.equals(type) ? JSON : YAML)) {
            document.transferTo(response.getOutputStream());
        }
    }

    private static String byFormat(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> APPLICATION_JSON;
            case "yaml" -> APPLICATION_YAML;
            default -> null;
        };
    }

    /**
     * The media type to answer an {@code Accept} header with: YAML (MicroProfile OpenAPI's
     * default) unless JSON has the higher quality; YAML as {@code text/plain} to a client that
     * takes only that; none when the header rules out all three. A media range naming a type
     * outranks a wildcard ({@code application/yaml;q=0, *}{@code /*} is JSON).
     */
    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return APPLICATION_YAML;
        }
        Map<String, Double> named = new HashMap<>();
        double anything = -1;
        double application = -1;
        double text = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            switch (type) {
                case "*/*" -> anything = Math.max(anything, quality);
                case "application/*" -> application = Math.max(application, quality);
                case "text/*" -> text = Math.max(text, quality);
                case APPLICATION_YAML, "application/x-yaml", "text/yaml", "text/x-yaml" ->
                        named.merge(APPLICATION_YAML, quality, Math::max);
                case APPLICATION_JSON, TEXT_PLAIN -> named.merge(type, quality, Math::max);
                default -> {
                    // Not a form of the document.
                }
            }
        }
        double applicationWildcard = Math.max(application, anything);
        double yaml = named.getOrDefault(APPLICATION_YAML, applicationWildcard);
        double json = named.getOrDefault(APPLICATION_JSON, applicationWildcard);
        double plain = named.getOrDefault(TEXT_PLAIN, Math.max(text, anything));
        if (json > 0 && json > yaml && json >= plain) {
            return APPLICATION_JSON;
        }
        if (yaml > 0 && yaml >= plain) {
            return APPLICATION_YAML;
        }
        return plain > 0 ? TEXT_PLAIN : null;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.toLowerCase(Locale.ROOT).startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException unreadable) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
