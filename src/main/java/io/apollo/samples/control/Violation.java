package io.apollo.samples.control;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One problem with one field of one sample of a batch; {@code index} counts from 0. */
@JsonbPropertyOrder({"index", "field", "message"})
public record Violation(int index, String field, String message) {
}
