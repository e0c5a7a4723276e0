package io.apollo.samples.boundary;

import io.apollo.envelope.control.Rejection;
import io.apollo.samples.control.BatchTooLarge;
import io.apollo.samples.control.MalformedBatch;
import io.apollo.samples.control.NoSamples;
import io.apollo.samples.control.RawValue;
import io.apollo.samples.control.SampleInput;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a POST body as a stream of JSON events: the limits apply while reading (nothing past
 * them is buffered), and every value keeps its JSON type and its exact text, which a JSON
 * object model would not (it turns {@code 1e2} into {@code 1E+2}).
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

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /**
     * How deep a sample's field may nest arrays and objects: no field of a sample is either, so
     * this only bounds the work of skipping an ignored one (the parser itself gives up, with an
     * unchecked exception, at 1,000).
     */
    static final int MAX_NESTING = 100;
    /** The fields of a sample; others are ignored (SPEC §4). */
    private static final Set<String> FIELDS = Set.of("timeseriesId", "val", "timestamp", "metric", "mertic");

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
        PushbackReader text = new PushbackReader(new InputStreamReader(new LimitedInputStream(body, maxBodyBytes, maxBodyTime), utf8));
        if (isBlank(text)) {
            throw new NoSamples();
        }
        try (JsonParser parser = PARSERS.createParser(text)) {
            return new SampleBatch(readArray(parser));
        } catch (JsonParsingException notJson) {
            throw new MalformedBatch("Body is not valid JSON: " + notJson.getMessage());
        } catch (JsonException unreadable) {
            throw unreadable(unreadable.getCause() == null ? unreadable : unreadable.getCause());
        }
    }

    private static void rejectOtherCharsets(MediaType mediaType) {
        String charset = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !"utf-8".equalsIgnoreCase(charset.strip())) {
            throw new Rejection(Rejection.Kind.UNSUPPORTED_MEDIA_TYPE, "Unsupported charset " + charset + ": send UTF-8");
        }
    }

    private static MalformedBatch unreadable(Throwable cause) {
        return new MalformedBatch(cause instanceof CharacterCodingException
                ? "Body is not valid UTF-8"
                : "Body could not be read: " + cause.getMessage());
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

    /** Consumes a byte order mark and leading whitespace; true when nothing else follows. */
    private static boolean isBlank(PushbackReader text) {
        try {
            int c = text.read();
            if (c == BYTE_ORDER_MARK) {
                c = text.read();
            }
            while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                c = text.read();
            }
            if (c == -1) {
                return true;
            }
            text.unread(c);
            return false;
        } catch (IOException failure) {
            throw unreadable(failure);
        }
    }

    private List<SampleInput> readArray(JsonParser parser) {
        Event first = parser.next();
        if (first == Event.VALUE_NULL) {
            throw new NoSamples();
        }
        if (first != Event.START_ARRAY) {
            throw new MalformedBatch("Body must be a JSON array of samples");
        }
        List<SampleInput> samples = new ArrayList<>();
        for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
            if (event != Event.START_OBJECT) {
                throw new MalformedBatch("Sample " + samples.size() + " is not a JSON object");
            }
            if (samples.size() == maxSamples) {
                throw new BatchTooLarge("More than " + maxSamples + " samples in one request");
            }
            samples.add(readSample(parser));
        }
        if (parser.hasNext()) {
            throw new MalformedBatch("Body has content after the array of samples");
        }
        if (samples.isEmpty()) {
            throw new NoSamples();
        }
        return samples;
    }

    private static SampleInput readSample(JsonParser parser) {
        Map<String, RawValue> fields = new HashMap<>();
        Set<String> repeated = Set.of();
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            if (fields.put(name, readValue(parser, parser.next())) != null && FIELDS.contains(name)) {
                // RFC 8259 leaves a repeated name's meaning open: refused rather than guessed.
                repeated = repeated.isEmpty() ? new TreeSet<>() : repeated;
                repeated.add(name);
            }
        }
        return new SampleInput(fields.get("timeseriesId"), fields.get("val"), fields.get("timestamp"),
                fields.get("metric"), fields.get("mertic"), repeated);
    }

    /**
     * Reads past the object or array just started, event by event, so that its syntax is checked
     * and its end of input noticed: Parsson's own {@code skipArray} and {@code skipObject} only
     * count brackets, and spin for ever on a body that ends inside them (eclipse-ee4j/parsson#23).
     */
    private static void skipNested(JsonParser parser) {
        int depth = 1;
        while (depth > 0) {
            if (!parser.hasNext()) {
                throw new MalformedBatch("Body is not valid JSON: it ends inside a sample");
            }
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                }
            }
            if (depth > MAX_NESTING) {
                throw new MalformedBatch("Sample fields nest arrays or objects deeper than " + MAX_NESTING + " levels");
            }
        }
    }

    private static RawValue readValue(JsonParser parser, Event event) {
        return switch (event) {
            case VALUE_STRING -> RawValue.string(parser.getString());
            case VALUE_NUMBER -> RawValue.number(parser.getString());
            case VALUE_TRUE -> RawValue.of(ValueType.TRUE);
            case VALUE_FALSE -> RawValue.of(ValueType.FALSE);
            case VALUE_NULL -> RawValue.of(ValueType.NULL);
            case START_OBJECT -> {
                skipNested(parser);
                yield RawValue.of(ValueType.OBJECT);
            }
            case START_ARRAY -> {
                skipNested(parser);
                yield RawValue.of(ValueType.ARRAY);
            }
            default -> throw new MalformedBatch("Unexpected " + event + " in a sample");
        };
    }
}
