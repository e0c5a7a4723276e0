package io.apollo.operations.control;

import java.util.Optional;
import java.util.regex.Pattern;

/** The API's operations, as the metrics name them. */
public enum Operation {

    POST_SAMPLES("post_samples"),
    GET_SAMPLES("get_samples");

    private static final Pattern SAMPLES_PATH = Pattern.compile("/apollo/devices/[^/]+/timeseries/samples/?");

    private final String tag;

    Operation(String tag) {
        this.tag = tag;
    }

    /** The operation a request is for, from its method and its path within the application. */
    public static Optional<Operation> of(String method, String path) {
        if (path == null || !SAMPLES_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        return switch (method) {
            case "POST" -> Optional.of(POST_SAMPLES);
            case "GET" -> Optional.of(GET_SAMPLES);
            default -> Optional.empty();
        };
    }

    String tag() {
        return tag;
    }
}
