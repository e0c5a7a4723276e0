package io.apollo.samples.control;

import io.apollo.samples.entity.Sample;
import jakarta.json.JsonValue.ValueType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of SPEC §4 for each sample of a batch. Every problem of every sample is collected,
 * so a client fixes a rejected batch in one round trip.
 */
public final class SampleValidation {

    static final String METRIC_ALIAS = "mertic";

    private SampleValidation() {
    }

    /** @throws InvalidSamples listing every problem, when any sample breaks a rule */
    public static List<ValidSample> validate(List<SampleInput> batch) {
        List<Violation> violations = new ArrayList<>();
        List<ValidSample> valid = new ArrayList<>(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            Problems problems = new Problems(index, violations);
            SampleInput input = batch.get(index);
            String timeseriesId = problems.string("timeseriesId", input.timeseriesId(), Sample.TIMESERIES_ID_LENGTH);
            String value = problems.value(input.val());
            String timestamp = problems.string("timestamp", input.timestamp(), Integer.MAX_VALUE);
            String metric = problems.metric(input.metric(), input.mertic());
            OffsetDateTime parsedTimestamp = timestamp == null ? null : problems.timestamp(timestamp);
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
            return raw.text();
        }

        String metric(RawValue metric, RawValue alias) {
            if (metric != null && alias != null && !Objects.equals(metric, alias)) {
                return add("metric", "metric and its alias " + METRIC_ALIAS + " are both given and differ");
            }
            return metric != null
                    ? string("metric", metric, Sample.METRIC_LENGTH)
                    : string(alias != null ? METRIC_ALIAS : "metric", alias, Sample.METRIC_LENGTH);
        }

        OffsetDateTime timestamp(String text) {
            try {
                return SampleTimestamps.parse(text);
            } catch (IllegalArgumentException invalid) {
                add("timestamp", invalid.getMessage());
                return null;
            }
        }

        private String length(String field, String text, int maxLength) {
            if (text.isEmpty()) {
                return add(field, "must not be empty");
            }
            if (text.length() > maxLength) {
                return add(field, "must be at most " + maxLength + " characters");
            }
            return text;
        }

        private String add(String field, String message) {
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
}
