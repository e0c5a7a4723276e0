package io.apollo.envelope.control;

import jakarta.ejb.ApplicationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A request the service refuses for a reason the caller can act on (the rule is in this
 * package's {@code package-info.java}). Thrown from any layer; {@code io.apollo.envelope.boundary}
 * turns it into the HTTP status of its {@link Kind}, with its message and data in the envelope.
 * An EJB that throws one rolls its transaction back.
 */
@ApplicationException(rollback = true)
public abstract class Rejection extends RuntimeException {

    public enum Kind {
        INVALID, FORBIDDEN, NOT_FOUND, TIMEOUT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, TOO_BUSY
    }

    private final Kind kind;

    protected Rejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** What goes into the envelope's {@code data}: nothing, unless the refusal has details to give. */
    public Object data() {
        return Map.of();
    }

    /** When the caller may try again (a server too busy now), if the refusal says. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
