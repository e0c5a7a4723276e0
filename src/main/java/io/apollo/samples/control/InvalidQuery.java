package io.apollo.samples.control;

import io.apollo.envelope.control.Rejection;
import java.util.List;

/** Query parameters of a GET that break a rule, each named. */
public class InvalidQuery extends Rejection {

    public InvalidQuery(List<String> problems) {
        super(Kind.INVALID, "Invalid query: " + String.join("; ", problems));
    }
}
