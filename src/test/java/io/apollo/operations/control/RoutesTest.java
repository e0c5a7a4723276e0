package io.apollo.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {

    private final Routes routes = new Routes();

    RoutesTest() {
        // As MeteredRoutes registers DevicesResource's methods.
        routes.add("POST", "apollo/devices/{deviceId}/timeseries/samples", Operation.POST_SAMPLES);
        routes.add("GET", "apollo/devices/{deviceId}/timeseries/samples", Operation.GET_SAMPLES);
        routes.add("DELETE", "apollo/devices/{deviceId}/timeseries/samples", Operation.DELETE_SAMPLES);
        routes.add("DELETE", "apollo/devices/{deviceId}", Operation.DELETE_DEVICE);
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /apollo/devices/d1/timeseries/samples, POST_SAMPLES",
            "GET, /apollo/devices/d1/timeseries/samples, GET_SAMPLES",
            "GET, /apollo/devices/d%2F1/timeseries/samples/, GET_SAMPLES",
            "PUT, /apollo/devices/d1/timeseries/samples, ",
            "DELETE, /apollo/devices/d1/timeseries/samples, DELETE_SAMPLES",
            "DELETE, /apollo/devices/d%2F1, DELETE_DEVICE",
            "DELETE, /apollo/devices/d1/, DELETE_DEVICE",
            "DELETE, /apollo/devices/d1/timeseries, ",
            "GET, /apollo/devices/d1, ",
            "GET, /apollo/devices//timeseries/samples, ",
            "GET, /apollo/devices/d1/timeseries/samples/x, ",
            "GET, /metrics, ",
            "GET, /, "})
    void isTheSamplesPathWithItsMethod(String method, String path, Operation expected) {
        assertEquals(Optional.ofNullable(expected), routes.of(method, path));
    }

    @ParameterizedTest
    @CsvSource({"202, ACCEPTED", "400, VALIDATION", "401, UNAUTHENTICATED", "403, FORBIDDEN", "413, TOO_LARGE",
            "415, UNSUPPORTED_MEDIA_TYPE", "406, UNSUPPORTED_MEDIA_TYPE", "408, TIMEOUT", "404, OTHER_CLIENT_ERROR",
            "500, SERVER_ERROR", "503, SERVER_ERROR"})
    void batchOutcomeFollowsTheStatus(int status, BatchOutcome expected) {
        assertEquals(expected, BatchOutcome.of(status));
    }
}
