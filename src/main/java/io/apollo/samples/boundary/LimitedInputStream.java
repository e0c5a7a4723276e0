package io.apollo.samples.boundary;

import io.apollo.samples.control.BatchTooLarge;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops reading a body as soon as it passes its byte limit, whatever Content-Length said or
 * however small it was compressed. (Its time limit is {@link NonBlockingBodies}'.)
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
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
    }

    static BatchTooLarge tooLarge(long limit) {
        return new BatchTooLarge("Request body larger than " + limit + " bytes");
    }
}
