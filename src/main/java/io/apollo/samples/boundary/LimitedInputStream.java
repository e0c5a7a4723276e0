package io.apollo.samples.boundary;

import io.apollo.samples.control.BatchTooLarge;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Stops reading a body as soon as it passes its byte limit, whatever Content-Length said, or
 * once it has taken longer than its time limit: a client that sends a byte now and then would
 * otherwise hold a server thread for as long as it likes (the server's read timeout only cuts
 * silences).
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final Duration timeLimit;
    private final long deadline;
    private long read;

    LimitedInputStream(InputStream in, long limit, Duration timeLimit) {
        super(in);
        this.limit = limit;
        this.timeLimit = timeLimit;
        this.deadline = System.nanoTime() + timeLimit.toNanos();
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException failure) {
            throw stalledOr(failure);
        }
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException failure) {
            throw stalledOr(failure);
        }
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    /**
     * Leaves the stream it reads to whoever opened it (JAX-RS: a reader does not close its
     * entity stream), though the JSON parser closes what it reads when it is done or failed:
     * closing the server's request stream made WildFly wait for the rest of the body (which a
     * client that stopped sending never sends) before the service could answer.
     */
    @Override
    public void close() {
        // The server closes or drains the request body once the response is sent.
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw tooLarge(limit);
        }
        if (System.nanoTime() - deadline > 0) {
            throw new BodyTooSlow(timeLimit);
        }
    }

    /**
     * A failed read, unless the server's read timeout failed it (Payara's Grizzly throws an
     * IOException caused by a TimeoutException, and keeps the connection to answer on): then
     * {@link BodyTooSlow#stalled()} is thrown instead.
     */
    private static IOException stalledOr(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                throw BodyTooSlow.stalled();
            }
        }
        return failure;
    }

    static BatchTooLarge tooLarge(long limit) {
        return new BatchTooLarge("Request body larger than " + limit + " bytes");
    }
}
