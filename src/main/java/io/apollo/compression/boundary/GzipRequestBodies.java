package io.apollo.compression.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Accepts {@code Content-Encoding: gzip} request bodies (docs/api.md §4). Readers then see the
 * decompressed bytes, so their size limits count what was sent, not what was transferred.
 */
@Provider
public class GzipRequestBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String encoding = context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
            if (!"gzip".equalsIgnoreCase(encoding.strip())) {
                throw new UnsupportedContentEncoding();
            }
            Inflating inflated;
            try {
                inflated = new Inflating(context.getInputStream());
            } catch (IOException notGzip) {
                throw new InvalidGzip(notGzip.getMessage());
            }
            context.setInputStream(inflated);
            context.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
            context.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
            try {
                return context.proceed();
            } finally {
                inflated.release();
            }
        }
        return context.proceed();
    }

    /**
     * A gzip stream whose inflater (native memory, otherwise held until a garbage collection)
     * is released as soon as the body is read, without closing the server's request stream
     * below it: readers do not close what they read (JAX-RS), and on WildFly closing it waits
     * for the rest of a body the client may never send.
     */
    private static final class Inflating extends GZIPInputStream {

        Inflating(InputStream body) throws IOException {
            super(body);
        }

        void release() {
            inf.end();
        }
    }
}
