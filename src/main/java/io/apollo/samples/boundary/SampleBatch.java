package io.apollo.samples.boundary;

import io.apollo.operations.boundary.Counted;
import io.apollo.samples.control.SampleInput;
import java.util.List;

/** The body of a POST: the samples in the order they were sent. */
public record SampleBatch(List<SampleInput> samples) implements Counted {

    @Override
    public int count() {
        return samples.size();
    }
}
