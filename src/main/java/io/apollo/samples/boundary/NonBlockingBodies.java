package io.apollo.samples.boundary;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Receives a request body without holding a thread while it arrives, then hands it whole to
 * JAX-RS, when {@value #ENABLED} is true (WildFly's set-up turns it on): a client that sends
 * slowly, or stops, costs a connection and its bytes so far, not one of the server's workers.
 * The body has {@value SampleBatchReader#MAX_BODY_SECONDS} to arrive and may be at most
 * {@value SampleBatchReader#MAX_BODY_BYTES} long (as sent, compressed or not); past either the
 * request goes on to JAX-RS anyway, whose reader then refuses it (408 or 413) with the envelope,
 * the access line and the metrics of any other refusal.
 *
 * <p>Why on WildFly: Undertow closes the connection when its read timeout fires, so a stalled
 * upload read the blocking way got no answer at all and was logged as a 200. Why not on Payara:
 * there, a body received this way now and then left the connection's next request to be
 * answered with a bare 400 by Grizzly (2 in 200 kept-alive POSTs of 1,000 samples), while its
 * blocking read times out with an answer (a 408 in the envelope), and its ASYNC dispatch ran
 * without the caller's roles (403 now and then).
 *
 * <p>Mapped in web.xml after the access log, which must see the request first and its end last.
 */
public class NonBlockingBodies extends HttpFilter {

    static final String ENABLED = "apollo.samples.non-blocking-bodies";

    private boolean enabled;
    private long maxBytes;
    private Duration maxTime;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        enabled = config.getOptionalValue(ENABLED, Boolean.class).orElse(false);
        maxBytes = config.getOptionalValue(SampleBatchReader.MAX_BODY_BYTES, Long.class)
                .orElse(SampleBatchReader.DEFAULT_MAX_BODY_BYTES);
        maxTime = Duration.ofSeconds(config.getOptionalValue(SampleBatchReader.MAX_BODY_SECONDS, Long.class)
                .orElse(SampleBatchReader.DEFAULT_MAX_BODY_SECONDS));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled || request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)
                || request.getContentLengthLong() > maxBytes || request.getUserPrincipal() == null) {
            // A declared length over the limit is refused by the reader before any of it is read, and
            // a request without a valid token by JAX-RS (401): no body is held for either.
            chain.doFilter(request, response);
            return;
        }
        Body body = new Body();
        AsyncContext async = request.startAsync(new Received(request, body), response);
        async.setTimeout(maxTime.toMillis());
        AtomicBoolean dispatched = new AtomicBoolean();
        Runnable dispatch = () -> {
            if (dispatched.compareAndSet(false, true)) {
                if (body.failed()) {
                    // The rest of the body is not read: the connection cannot carry another request.
                    response.setHeader("Connection", "close");
                }
                async.dispatch();
            }
        };
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                body.fail(new BodyTooSlow(maxTime));
                dispatch.run();
            }

            @Override
            public void onError(AsyncEvent event) {
                // The connection failed: nobody is left to answer.
            }

            @Override
            public void onComplete(AsyncEvent event) {
                // Nothing to release: the body is garbage once the request is done.
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // Started once, here.
            }
        });
        ServletInputStream in = request.getInputStream();
        in.setReadListener(new ReadListener() {
            private final byte[] buffer = new byte[8192];

            @Override
            public void onDataAvailable() throws IOException {
                while (!dispatched.get() && in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    if (!body.append(buffer, n, maxBytes)) {
                        body.fail(LimitedInputStream.tooLarge(maxBytes));
                        dispatch.run();
                        return;
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                dispatch.run();
            }

            @Override
            public void onError(Throwable failure) {
                body.fail(new UncheckedIOException(failure instanceof IOException io ? io : new IOException(failure)));
                dispatch.run();
            }
        });
    }

    /** A request that announces a body or sends one chunked. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The bytes received so far, or why there will be no more. */
    private static final class Body {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        synchronized boolean append(byte[] buffer, int length, long max) {
            if (bytes.size() + (long) length > max) {
                return false;
            }
            bytes.write(buffer, 0, length);
            return true;
        }

        boolean failed() {
            return failure.get() != null;
        }

        /** The first failure counts (the time limit and the connection may fail at once). */
        void fail(RuntimeException why) {
            failure.compareAndSet(null, why);
        }

        synchronized ServletInputStream stream() {
            return new Replay(bytes.toByteArray(), failure.get());
        }
    }

    /** The request as JAX-RS sees it once dispatched: its body is the one received. */
    private static final class Received extends HttpServletRequestWrapper {

        private final Body body;
        private ServletInputStream stream;

        Received(HttpServletRequest request, Body body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = body.stream();
            }
            return stream;
        }
    }

    /**
     * The received bytes, then, if the body did not arrive whole, its failure: a time limit or a
     * size limit (a refusal with its status) or the connection's error (an {@link IOException},
     * as a blocking read would have thrown it).
     */
    private static final class Replay extends ServletInputStream {

        private final ByteArrayInputStream bytes;
        private final RuntimeException failure;

        Replay(byte[] bytes, RuntimeException failure) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            int b = bytes.read();
            if (b < 0) {
                fail();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = bytes.read(buffer, offset, length);
            if (n < 0) {
                fail();
            }
            return n;
        }

        private void fail() throws IOException {
            if (failure instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("The body has been received: read it");
        }
    }
}
