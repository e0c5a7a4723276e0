package io.apollo.operations.control;

/**
 * The API's operations, as the metrics name them. A resource method is one of them by its
 * {@code @Metered} annotation (operations.boundary), which also tells {@link Routes} its path.
 */
public enum Operation {

    POST_SAMPLES("post_samples"),
    GET_SAMPLES("get_samples"),
    GET_SERIES("get_series"),
    DELETE_SAMPLES("delete_samples"),
    DELETE_DEVICE("delete_device");

    private final String tag;

    Operation(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
