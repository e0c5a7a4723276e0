package io.apollo.samples.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a batch's JSON text as a stream of events: the sample limit applies while reading
 * (nothing past it is kept), and every value keeps its JSON type and its exact text, which a JSON
 * object model would not (it turns {@code 1e2} into {@code 1E+2}).
 */
public final class SampleBatchParser {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /**
     * How deep a sample's field may nest arrays and objects: no field of a sample is either, so
     * this only bounds the work of skipping an ignored one (the parser itself gives up, with an
     * unchecked exception, at 1,000).
     */
    public static final int MAX_NESTING = 100;
    /** The fields of a sample; others are ignored (docs/api.md §4). */
    private static final Set<String> FIELDS = Set.of("timeseriesId", "val", "timestamp", "metric", "mertic");

    private SampleBatchParser() {
    }

    /**
     * The samples of a batch, in the order they were sent.
     *
     * @throws NoSamples for an empty body, {@code null} or {@code []}
     * @throws MalformedBatch for text that is not a JSON array of objects
     * @throws BatchTooLarge past {@code maxSamples}
     */
    public static List<SampleInput> parse(Reader body, int maxSamples) {
        PushbackReader text = new PushbackReader(body);
        if (isBlank(text)) {
            throw new NoSamples();
        }
        try (JsonParser parser = PARSERS.createParser(text)) {
            return readArray(parser, maxSamples);
        } catch (JsonParsingException notJson) {
            throw new MalformedBatch("Body is not valid JSON: " + notJson.getMessage());
        } catch (JsonException unreadable) {
            throw unreadable(unreadable.getCause() == null ? unreadable : unreadable.getCause());
        }
    }

    private static MalformedBatch unreadable(Throwable cause) {
        return new MalformedBatch(cause instanceof CharacterCodingException
                ? "Body is not valid UTF-8"
                : "Body could not be read: " + cause.getMessage());
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

    private static List<SampleInput> readArray(JsonParser parser, int maxSamples) {
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
