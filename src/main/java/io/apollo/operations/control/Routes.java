package io.apollo.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which operation a request is for, from its method and path: also for the requests the server
 * answers before JAX-RS sees them (a rejected token), which the metrics count all the same. Each
 * operation's path is the JAX-RS template of its resource method, registered at deployment.
 */
@ApplicationScoped
public class Routes {

    /** A path parameter of a JAX-RS template: {@code {name}}, maybe with its own regular expression. */
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]*}");

    /** By method and template: a resource method registered twice is one route. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private record Route(String method, Pattern path, Operation operation) {
    }

    /**
     * @param template the path below the context root, as JAX-RS templates write it
     *     ({@code apollo/devices/{deviceId}/timeseries/samples})
     */
    public void add(String method, String template, Operation operation) {
        routes.put(method + ' ' + template, new Route(method, pattern(template), operation));
    }

    /** The operation of a request, from its method and its path below the context root (still percent-encoded). */
    public Optional<Operation> of(String method, String path) {
        if (path == null) {
            return Optional.empty();
        }
        return routes.values().stream()
                .filter(route -> route.method().equals(method) && route.path().matcher(path).matches())
                .map(Route::operation)
                .findFirst();
    }

    /** A segment parameter matches one segment, never an empty one; a trailing slash is allowed. */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int literal = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(literal, parameter.start()))).append("[^/]+");
            literal = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(literal)));
        return Pattern.compile("/" + regex + "/?");
    }
}
