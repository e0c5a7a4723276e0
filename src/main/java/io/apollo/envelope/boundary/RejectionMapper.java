package io.apollo.envelope.boundary;

import io.apollo.envelope.control.Rejection;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class RejectionMapper implements ExceptionMapper<Rejection> {

    @Override
    public Response toResponse(Rejection rejection) {
        Response.ResponseBuilder response = ErrorResponses.envelope(statusOf(rejection.kind()), rejection.getMessage(),
                rejection.data());
        rejection.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, wait.toSeconds()));
        return response.build();
    }

    static int statusOf(Rejection.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TIMEOUT -> 408;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case TOO_BUSY -> 429;
        };
    }
}
