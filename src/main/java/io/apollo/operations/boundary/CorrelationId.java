package io.apollo.operations.boundary;

import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code x-correlation-id} of the request being served on this thread (docs/api.md §6). */
public final class CorrelationId {

    public static final String HEADER = "x-correlation-id";
    static final int MAX_LENGTH = 128;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private CorrelationId() {
    }

    /** The caller's id when it is safe to echo and to log, otherwise a fresh UUID. */
    public static String acceptOrGenerate(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The id of the current request, or {@code "-"} outside of one. */
    public static String current() {
        ServedRequest request = ServedRequest.current();
        return request == null ? "-" : request.correlationId();
    }
}
