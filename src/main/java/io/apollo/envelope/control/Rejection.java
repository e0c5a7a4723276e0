package io.apollo.envelope.control;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * A request the service refuses for a reason the caller can act on. Thrown from any layer;
 * {@code io.apollo.envelope.boundary} turns it into the HTTP status of its {@link Kind}.
 */
@ApplicationException(rollback = true)
public class Rejection extends RuntimeException {

    public enum Kind {
        INVALID, FORBIDDEN, NOT_FOUND, TIMEOUT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE
    }

    private final Kind kind;
    private final transient Object data;

    public Rejection(Kind kind, String message) {
        this(kind, message, Map.of());
    }

    public Rejection(Kind kind, String message, Object data) {
        super(message, null, false, false);
        this.kind = kind;
        this.data = data;
    }

    public Kind kind() {
        return kind;
    }

    /** What goes into the envelope's {@code data}. */
    public Object data() {
        return data;
    }
}
