package io.apollo.envelope.boundary;

import io.apollo.operations.boundary.Counted;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Collection;
import java.util.Map;

/**
 * The body of every response (docs/api.md §3): a status and the data. Data that is a list (a page
 * of samples) or that counts samples itself is what the response counts for the access line and
 * the metrics.
 */
@JsonbPropertyOrder({"status", "data"})
public record Envelope(Status status, Object data) implements Counted {

    @JsonbPropertyOrder({"message", "code"})
    public record Status(@JsonbProperty("Message") String message, @JsonbProperty("Code") String code) {
    }

    public static Envelope success(int status) {
        return success(status, Map.of());
    }

    public static Envelope success(int status, Object data) {
        return new Envelope(new Status("", String.valueOf(status)), data);
    }

    public static Envelope error(int status, String message, Object data) {
        return new Envelope(new Status(message, String.valueOf(status)), data);
    }

    @Override
    public int count() {
        return data instanceof Counted counted ? counted.count()
                : data instanceof Collection<?> items ? items.size() : -1;
    }
}
