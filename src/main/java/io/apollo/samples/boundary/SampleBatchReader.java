package io.apollo.samples.boundary;

import io.apollo.samples.control.SampleBatchParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a POST body into a {@link SampleBatch}: refuses what its headers already rule out, then
 * hands the body, limited in bytes and time ({@link LimitedInputStream}) and decoded as strict
 * UTF-8, to the {@link SampleBatchParser}.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class SampleBatchReader implements MessageBodyReader<SampleBatch> {

    static final String MAX_SAMPLES = "apollo.samples.max-per-request";
    /** The default of {@value #MAX_SAMPLES}, as the OpenAPI document states it. */
    public static final int DEFAULT_MAX_SAMPLES = 10_000;
    static final String MAX_BODY_BYTES = "apollo.samples.max-body-bytes";
    static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    static final String MAX_BODY_SECONDS = "apollo.samples.max-body-seconds";
    static final long DEFAULT_MAX_BODY_SECONDS = 60;

    private final int maxSamples;
    private final long maxBodyBytes;
    private final Duration maxBodyTime;

    /**
     * JAX-RS, not CDI, creates this reader: as a CDI proxy it lost its precedence over the
     * server's generic JSON-B reader. So its settings come from MP Config directly.
     */
    public SampleBatchReader() {
        this(ConfigProvider.getConfig());
    }

    private SampleBatchReader(Config config) {
        this(config.getOptionalValue(MAX_SAMPLES, Integer.class).orElse(DEFAULT_MAX_SAMPLES),
                config.getOptionalValue(MAX_BODY_BYTES, Long.class).orElse(DEFAULT_MAX_BODY_BYTES),
                Duration.ofSeconds(config.getOptionalValue(MAX_BODY_SECONDS, Long.class).orElse(DEFAULT_MAX_BODY_SECONDS)));
    }

    SampleBatchReader(int maxSamples, long maxBodyBytes) {
        this(maxSamples, maxBodyBytes, Duration.ofSeconds(DEFAULT_MAX_BODY_SECONDS));
    }

    SampleBatchReader(int maxSamples, long maxBodyBytes, Duration maxBodyTime) {
        this.maxSamples = maxSamples;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBodyTime = maxBodyTime;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == SampleBatch.class;
    }

    @Override
    public SampleBatch readFrom(Class<SampleBatch> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) {
        rejectOtherCharsets(mediaType);
        rejectDeclaredOversize(headers);
        // JSON exchanged between systems is UTF-8 (RFC 8259 §8.1). Bytes that are not UTF-8 are
        // refused rather than replaced, so a stored string is exactly the one that was sent.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new SampleBatch(SampleBatchParser.parse(
                new InputStreamReader(new LimitedInputStream(body, maxBodyBytes, maxBodyTime), utf8), maxSamples));
    }

    private static void rejectOtherCharsets(MediaType mediaType) {
        String charset = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !"utf-8".equalsIgnoreCase(charset.strip())) {
            throw new UnsupportedCharset(charset);
        }
    }

    private void rejectDeclaredOversize(MultivaluedMap<String, String> headers) {
        String declared = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && !headers.containsKey(HttpHeaders.CONTENT_ENCODING)) {
            try {
                if (Long.parseLong(declared.strip()) > maxBodyBytes) {
                    throw LimitedInputStream.tooLarge(maxBodyBytes);
                }
            } catch (NumberFormatException unparseable) {
                // The container has already framed the body; the stream limit still applies.
            }
        }
    }
}
