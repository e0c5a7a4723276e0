package io.apollo.samples.control;

import jakarta.json.JsonValue;

/**
 * One field of a sample exactly as it came over the wire: its JSON type, and for strings and
 * numbers its text (a number's text as written, so {@code 6.50} stays {@code 6.50}).
 */
public record RawValue(JsonValue.ValueType type, String text) {

    public static RawValue string(String text) {
        return new RawValue(JsonValue.ValueType.STRING, text);
    }

    public static RawValue number(String text) {
        return new RawValue(JsonValue.ValueType.NUMBER, text);
    }

    public static RawValue of(JsonValue.ValueType type) {
        return new RawValue(type, null);
    }
}
