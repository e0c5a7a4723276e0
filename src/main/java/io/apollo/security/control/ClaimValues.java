package io.apollo.security.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a multi-valued token claim the way identity providers write it: a JSON array
 * ({@code groups}), or one string separated by spaces or commas (the OAuth {@code scope}).
 */
public final class ClaimValues {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private ClaimValues() {
    }

    public static Set<String> of(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        collect(claim, values);
        return Set.copyOf(values);
    }

    private static void collect(Object claim, Set<String> values) {
        if (claim instanceof JsonString string) {
            collect(string.getString(), values);
        } else if (claim instanceof String string) {
            for (String value : SEPARATORS.split(string.strip())) {
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        } else if (claim instanceof JsonArray array) {
            for (JsonValue element : array) {
                collect(element, values);
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(element -> collect(element, values));
        }
    }
}
