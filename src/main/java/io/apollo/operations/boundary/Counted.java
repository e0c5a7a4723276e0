package io.apollo.operations.boundary;

/**
 * A request or response body that carries samples (a posted batch, a page of samples): how many
 * goes into the access line and the metrics ({@link SampleCounts}).
 */
public interface Counted {

    /** @return how many samples, or a negative number when the body carries none */
    int count();
}
