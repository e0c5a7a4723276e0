package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apollo.samples.boundary.DevicesResource;
import io.apollo.samples.boundary.SampleQueryParameters;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    @Test
    void parametersTheApiDoesNotReadAreLoggedByNameOnly() {
        ServedRequest served = ServedRequest.begin("id-5");
        assertEquals("GET /apollo/devices/d/timeseries/samples?limit=5&access_token=[hidden]&paginated&x=[hidden]"
                + "&[hidden]&metric=Raw status=401 durationMs=0 samples=- correlationId=id-5",
                AccessLog.line("GET", "/apollo/devices/d/timeseries/samples",
                        "limit=5&access_token=abc.def.ghi&paginated&x=secret&s3cr3t&metric=Raw", 401, 0, served));
    }

    @Test
    void aJwtAnywhereInTheTargetIsHidden() {
        ServedRequest served = ServedRequest.begin("id-6");
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl-_";
        String jwe = "eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVydGV4dA.dGFn";
        assertEquals("GET /apollo/devices/[hidden]/timeseries/samples?metric=[hidden] status=404 durationMs=0"
                + " samples=- correlationId=id-6", AccessLog.line("GET", "/apollo/devices/" + jwt
                + "/timeseries/samples", "metric=" + jwe, 404, 0, served));
    }

    /** Every query parameter the resources read is logged with its value, and no other. */
    @Test
    void theLoggedParametersAreThoseTheResourcesRead() {
        Stream<QueryParam> fields = Arrays.stream(SampleQueryParameters.class.getDeclaredFields())
                .map(field -> field.getAnnotation(QueryParam.class));
        Stream<QueryParam> parameters = Arrays.stream(DevicesResource.class.getDeclaredMethods())
                .map(Method::getParameters).flatMap(Arrays::stream).map(p -> p.getAnnotation(QueryParam.class));
        Set<String> read = Stream.concat(fields, parameters).filter(q -> q != null).map(QueryParam::value)
                .collect(Collectors.toSet());
        assertEquals(read, AccessLog.LOGGED_PARAMETERS);
    }
}
