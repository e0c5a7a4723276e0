package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A batch with at least one invalid sample: nothing of it is stored (docs/api.md §4). */
public class InvalidSamples extends Rejection {

    public static final int MAX_LISTED = 100;

    /** Not serialized with the exception: it lives as long as the request it refuses. */
    private final transient Report report;

    public InvalidSamples(List<Violation> violations) {
        super(Kind.INVALID, "Invalid samples: " + violations.size() + (violations.size() == 1 ? " problem" : " problems"));
        report = new Report(violations.subList(0, Math.min(MAX_LISTED, violations.size())), violations.size());
    }

    @Override
    public Report data() {
        return report;
    }

    /** The first {@value #MAX_LISTED} problems, and how many there are in all. */
    @JsonbPropertyOrder({"errors", "errorCount"})
    public record Report(List<Violation> errors, int errorCount) {

        public Report {
            errors = List.copyOf(errors);
        }
    }
}
