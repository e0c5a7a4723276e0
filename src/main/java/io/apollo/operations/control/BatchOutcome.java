package io.apollo.operations.control;

/** What became of a POSTed batch, as the {@code outcome} and {@code reason} tags name it. */
public enum BatchOutcome {

    ACCEPTED("accepted"),
    VALIDATION("validation"),
    UNAUTHENTICATED("unauthenticated"),
    FORBIDDEN("forbidden"),
    TIMEOUT("timeout"),
    TOO_LARGE("too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    TOO_BUSY("too_busy"),
    OTHER_CLIENT_ERROR("other_client_error"),
    SERVER_ERROR("server_error");

    private final String tag;

    BatchOutcome(String tag) {
        this.tag = tag;
    }

    /** The outcome told by the status of the response to the POST. */
    public static BatchOutcome of(int status) {
        return switch (status) {
            case 200, 201, 202 -> ACCEPTED;
            case 400 -> VALIDATION;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 408 -> TIMEOUT;
            case 413 -> TOO_LARGE;
            case 406, 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_BUSY;
            default -> status >= 500 ? SERVER_ERROR : OTHER_CLIENT_ERROR;
        };
    }

    String tag() {
        return tag;
    }
}
