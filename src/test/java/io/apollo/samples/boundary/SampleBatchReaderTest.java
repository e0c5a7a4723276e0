package io.apollo.samples.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.envelope.control.Rejection;
import io.apollo.samples.control.BatchTooLarge;
import io.apollo.samples.control.MalformedBatch;
import io.apollo.samples.control.NoSamples;
import io.apollo.samples.control.RawValue;
import io.apollo.samples.control.SampleBatchParser;
import io.apollo.samples.control.SampleInput;
import jakarta.json.JsonValue.ValueType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleBatchReaderTest {

    private final SampleBatchReader reader = new SampleBatchReader(3, 1000);

    @Test
    void readsTheKnownFieldsAndIgnoresOthers() {
        SampleInput sample = readAll("""
                [{"timeseriesId":"t","val":6.50,"timestamp":"2018-01-27T00:00:00Z","mertic":"Raw","extra":{"a":[1]}}]
                """, reader).get(0);
        assertEquals(new SampleInput(RawValue.string("t"), RawValue.number("6.50"),
                RawValue.string("2018-01-27T00:00:00Z"), null, RawValue.string("Raw")), sample);
    }

    @Test
    void numbersAreNotReformatted() {
        List<SampleInput> samples = readAll("[{\"val\":1e2},{\"val\":\"6\"},{\"val\":-0},{\"val\":12345678901234567890.000}]",
                new SampleBatchReader(10, 1000));
        assertEquals(List.of(RawValue.number("1e2"), RawValue.string("6"), RawValue.number("-0"),
                RawValue.number("12345678901234567890.000")), samples.stream().map(SampleInput::val).toList());
    }

    @Test
    void otherJsonTypesAreRecordedForValidationToReject() {
        List<SampleInput> samples = readAll("[{\"val\":[1,{\"a\":2}]},{\"val\":{\"x\":[1]}},{\"val\":null}]", reader);
        assertEquals(List.of(ValueType.ARRAY, ValueType.OBJECT, ValueType.NULL),
                samples.stream().map(sample -> sample.val().type()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "null", "[]", " [ ] "})
    void emptyBodiesHaveNoSamples(String body) {
        assertThrows(NoSamples.class, () -> readAll(body, reader));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "\"samples\"", "42", "[1]", "[[]]", "[{}, \"x\"]"})
    void jsonThatIsNotAnArrayOfObjectsIsMalformed(String body) {
        assertThrows(MalformedBatch.class, () -> readAll(body, reader));
    }

    /** Inside an ignored field too: a body that ends there, or breaks JSON's syntax there, is no batch. */
    @ParameterizedTest
    @ValueSource(strings = {"[{", "[{\"val\":}]", "not json", "[{}] trailing", "[{}][{}]", "[{\"x\":[", "[{\"x\":{\"a\":",
        "[{\"x\":[[[[", "[{\"x\":[1 2 :]}]", "[{\"x\":{\"a\" 1}}]", "[{\"x\":[}]}]", "[{\"x\":{]}]"})
    @Timeout(10)
    void invalidJsonIsMalformed(String body) {
        MalformedBatch rejected = assertThrows(MalformedBatch.class, () -> readAll(body, reader));
        assertTrue(rejected.getMessage().startsWith("Body"), rejected.getMessage());
    }

    @Test
    void nestingIsSkippedUpToItsLimit() {
        String deepest = "[".repeat(SampleBatchParser.MAX_NESTING) + "]".repeat(SampleBatchParser.MAX_NESTING);
        SampleInput sample = readAll("[{\"x\":" + deepest + ",\"val\":" + deepest + "}]", new SampleBatchReader(3, 100_000))
                .get(0);
        assertEquals(ValueType.ARRAY, sample.val().type());
        String deeper = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        MalformedBatch rejected = assertThrows(MalformedBatch.class,
                () -> readAll("[{\"x\":" + deeper + "}]", new SampleBatchReader(3, 1_000_000)));
        assertEquals("Sample fields nest arrays or objects deeper than 100 levels", rejected.getMessage());
    }

    @Test
    void aBodyStillArrivingAfterItsTimeLimitTimesOut() {
        Rejection rejected = assertThrows(Rejection.class, () -> readAll("[{}]", new SampleBatchReader(3, 1000, Duration.ZERO)));
        assertEquals(Rejection.Kind.TIMEOUT, rejected.kind());
        assertEquals("Request body not received within 0 seconds", rejected.getMessage());
    }

    /** Payara's read timeout throws an IOException caused by a TimeoutException; the connection stays open to answer. */
    @Test
    void aBodyThatStopsArrivingUntilTheServersReadTimeoutTimesOut() {
        InputStream stalled = new SequenceInputStream(new ByteArrayInputStream("[{".getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException(new TimeoutException());
                    }
                });
        Rejection rejected = assertThrows(Rejection.class, () -> reader.readFrom(SampleBatch.class, SampleBatch.class, null,
                MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), stalled));
        assertEquals(Rejection.Kind.TIMEOUT, rejected.kind());
        assertEquals("Request body stopped arriving before it was complete", rejected.getMessage());
    }

    @Test
    void moreSamplesThanTheLimitAreTooLarge() {
        assertEquals(3, readAll("[{},{},{}]", reader).size());
        assertThrows(BatchTooLarge.class, () -> readAll("[{},{},{},{}]", reader));
    }

    @Test
    void moreBytesThanTheLimitAreTooLargeWithoutAnyContentLength() {
        String body = "[{\"val\":\"" + "x".repeat(1000) + "\"}]";
        assertThrows(BatchTooLarge.class, () -> readAll(body, reader));
    }

    @Test
    void aDeclaredContentLengthOverTheLimitIsRejectedBeforeReading() {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Content-Length", "1001");
        assertThrows(BatchTooLarge.class, () -> reader.readFrom(SampleBatch.class, SampleBatch.class, null,
                MediaType.APPLICATION_JSON_TYPE, headers, new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        byte[] latin1 = "[{\"val\":\"grün\"}]".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Body is not valid UTF-8", assertThrows(MalformedBatch.class,
                () -> read(latin1, MediaType.APPLICATION_JSON_TYPE)).getMessage());
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        byte[] withBom = "\uFEFF[{\"val\":\"grün\"}]".getBytes(StandardCharsets.UTF_8);
        assertEquals(RawValue.string("grün"), read(withBom, MediaType.APPLICATION_JSON_TYPE).get(0).val());
    }

    @Test
    void aCharsetOtherThanUtf8IsUnsupported() {
        byte[] body = "[{}]".getBytes(StandardCharsets.UTF_8);
        Rejection rejected = assertThrows(Rejection.class,
                () -> read(body, MediaType.APPLICATION_JSON_TYPE.withCharset("ISO-8859-1")));
        assertEquals(Rejection.Kind.UNSUPPORTED_MEDIA_TYPE, rejected.kind());
        assertEquals(1, read(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).size());
    }

    private static List<SampleInput> readAll(String body, SampleBatchReader reader) {
        return reader.readFrom(SampleBatch.class, SampleBatch.class, null, MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).samples();
    }

    private List<SampleInput> read(byte[] body, MediaType type) {
        return reader.readFrom(SampleBatch.class, SampleBatch.class, null, type, new MultivaluedHashMap<>(),
                new ByteArrayInputStream(body)).samples();
    }
}
