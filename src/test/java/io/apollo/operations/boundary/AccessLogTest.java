package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @AfterEach
    void endRequest() {
        ServedRequest.end();
    }

    @Test
    void lineOfARequestWithSamples() {
        ServedRequest served = ServedRequest.begin("id-1");
        ServedRequest.samples(2);
        assertEquals("POST /apollo/devices/d/timeseries/samples status=202 durationMs=12 samples=2 correlationId=id-1",
                AccessLog.line("POST", "/apollo/devices/d/timeseries/samples", null, 202, 12_345_678, served));
    }

    @Test
    void lineOfARequestWhoseBodyWasNotRead() {
        ServedRequest served = ServedRequest.begin("id-2");
        assertEquals("GET /apollo/devices/d/timeseries/samples?limit=1 status=401 durationMs=0 samples=- correlationId=id-2",
                AccessLog.line("GET", "/apollo/devices/d/timeseries/samples", "limit=1", 401, 999_999, served));
    }

    @Test
    void aRequestDoesNotInheritTheCountOfTheThreadsPreviousOne() {
        ServedRequest.begin("id-3");
        ServedRequest.samples(5);
        ServedRequest.end();
        ServedRequest.samples(7);
        ServedRequest next = ServedRequest.begin("id-4");
        assertEquals(ServedRequest.UNKNOWN, next.samples());
        assertEquals("id-4", CorrelationId.current());
    }
}
