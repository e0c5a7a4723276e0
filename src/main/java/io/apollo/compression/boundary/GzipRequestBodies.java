package io.apollo.compression.boundary;

import io.apollo.envelope.control.Rejection;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Accepts {@code Content-Encoding: gzip} request bodies (SPEC §4). Readers then see the
 * decompressed bytes, so their size limits count what was sent, not what was transferred.
 */
@Provider
public class GzipRequestBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String encoding = context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
            if (!"gzip".equalsIgnoreCase(encoding.strip())) {
                throw new Rejection(Rejection.Kind.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported Content-Encoding: only gzip is accepted");
            }
            try {
                context.setInputStream(new GZIPInputStream(context.getInputStream()));
            } catch (IOException notGzip) {
                throw new Rejection(Rejection.Kind.INVALID, "Body is not valid gzip: " + notGzip.getMessage());
            }
            context.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
            context.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        }
        return context.proceed();
    }
}
