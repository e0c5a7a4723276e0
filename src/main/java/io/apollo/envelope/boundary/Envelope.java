package io.apollo.envelope.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/** The body of every response (SPEC §3): a status and the data. */
@JsonbPropertyOrder({"status", "data"})
public record Envelope(Status status, Object data) {

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
}
