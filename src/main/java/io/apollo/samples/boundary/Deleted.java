package io.apollo.samples.boundary;

import io.apollo.operations.boundary.Counted;

/** The data of a DELETE's answer: how many samples it deleted. */
public record Deleted(long deleted) implements Counted {

    @Override
    public int count() {
        return (int) Math.min(deleted, Integer.MAX_VALUE);
    }
}
