package io.apollo.samples.control;

import io.apollo.samples.entity.Sample;
import jakarta.json.JsonValue.ValueType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of docs/api.md §4 for each sample of a batch. Every problem of every sample is collected,
 * so a client fixes a rejected batch in one round trip.
 */
public final class SampleValidation {

    static final String METRIC_ALIAS = "mertic";

    private SampleValidation() {
    }

    /** @throws InvalidSamples listing every problem, when any sample breaks a rule */
    public static List<ValidSample> validate(List<SampleInput> batch) {
        return validate(batch, Optional.empty());
    }

    /**
     * The same, and no sample the retention window leaves out: it would be purged, so it is
     * refused rather than stored only to vanish.
     *
     * @throws InvalidSamples listing every problem, when any sample breaks a rule
     */
    public static List<ValidSample> validate(List<SampleInput> batch, Optional<RetentionPeriod.Window> kept) {
        List<Violation> violations = new ArrayList<>();
        List<ValidSample> valid = new ArrayList<>(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            Problems problems = new Problems(index, violations);
            SampleInput input = batch.get(index);
            input.repeated().forEach(field -> problems.add(field, "is given more than once in the sample"));
            String timeseriesId = problems.string("timeseriesId", input.timeseriesId(), Sample.TIMESERIES_ID_LENGTH);
            String value = problems.value(input.val());
            String timestamp = problems.string("timestamp", input.timestamp(), Integer.MAX_VALUE);
            String metric = problems.metric(input.metric(), input.mertic());
            OffsetDateTime parsedTimestamp = timestamp == null ? null
                    : SampleTimestamps.parse(timestamp, message -> problems.add("timestamp", message));
            String purged = parsedTimestamp == null ? null : kept.map(window -> window.refusal(parsedTimestamp)).orElse(null);
            if (purged != null) {
                problems.add("timestamp", purged);
            }
            if (problems.none()) {
                valid.add(new ValidSample(timeseriesId, metric, parsedTimestamp, value,
                        input.val().type() == ValueType.NUMBER));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSamples(violations);
        }
        return valid;
    }

    /** The problems found in the sample at one index. */
    private static final class Problems {

        private final int index;
        private final List<Violation> violations;
        private final int before;

        Problems(int index, List<Violation> violations) {
            this.index = index;
            this.violations = violations;
            this.before = violations.size();
        }

        boolean none() {
            return violations.size() == before;
        }

        String string(String field, RawValue raw, int maxLength) {
            if (raw == null) {
                return add(field, "is required");
            }
            if (raw.type() != ValueType.STRING) {
                return add(field, "must be a string, not " + typeName(raw));
            }
            return length(field, raw.text(), maxLength);
        }

        String value(RawValue raw) {
            if (raw == null) {
                return add("val", "is required");
            }
            if (raw.type() != ValueType.STRING && raw.type() != ValueType.NUMBER) {
                return add("val", "must be a number or a string, not " + typeName(raw));
            }
            if (raw.text().length() > Sample.VALUE_LENGTH) {
                return add("val", "must be at most " + Sample.VALUE_LENGTH + " characters");
            }
            if (raw.type() == ValueType.NUMBER && Double.isInfinite(Double.parseDouble(raw.text()))) {
                return add("val", "must be a finite number: this one overflows a double (beyond about ±1.8e308)");
            }
            if (raw.type() == ValueType.NUMBER && new BigDecimal(raw.text()).scale() > Sample.MAX_DECIMAL_PLACES) {
                return add("val", "must have at most " + Sample.MAX_DECIMAL_PLACES + " decimal places (as 1e-"
                        + Sample.MAX_DECIMAL_PLACES + "): aggregates compute with the exact decimal");
            }
            String unsafe = raw.type() == ValueType.STRING ? unsafeCharacter(raw.text(), false) : null;
            return unsafe == null ? raw.text() : add("val", unsafe);
        }

        String metric(RawValue metric, RawValue alias) {
            if (metric != null && alias != null && !Objects.equals(metric, alias)) {
                return add("metric", "metric and its alias " + METRIC_ALIAS + " are both given and differ");
            }
            return metric != null
                    ? string("metric", metric, Sample.METRIC_LENGTH)
                    : string(alias != null ? METRIC_ALIAS : "metric", alias, Sample.METRIC_LENGTH);
        }


        private String length(String field, String text, int maxLength) {
            if (text.isEmpty()) {
                return add(field, "must not be empty");
            }
            if (text.length() > maxLength) {
                return add(field, "must be at most " + maxLength + " characters");
            }
            String unsafe = unsafeCharacter(text, true);
            return unsafe == null ? text : add(field, unsafe);
        }

        String add(String field, String message) {
            violations.add(new Violation(index, field, message));
            return null;
        }

        private static String typeName(RawValue raw) {
            return switch (raw.type()) {
                case TRUE, FALSE -> "a boolean";
                case NULL -> "null";
                case NUMBER -> "a number";
                case STRING -> "a string";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
            };
        }
    }

    /**
     * What makes a string unfit to store and return as it came, or null: a lone UTF-16 surrogate
     * (a {@code \\uD800} escape: no valid UTF-8 holds it), NUL (PostgreSQL's text cannot), and in
     * identifiers any control character (U+0000–U+001F, U+007F–U+009F), which logs and URLs would
     * carry badly.
     */
    static String unsafeCharacter(String text, boolean identifier) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode: a lone surrogate \\u" + hex(c) + " at character " + i;
            } else if (c == 0 || identifier && Character.isISOControl(c)) {
                return "must not contain control characters: \\u" + hex(c) + " at character " + i;
            }
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
