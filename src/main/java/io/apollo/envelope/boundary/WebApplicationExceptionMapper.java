package io.apollo.envelope.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Statuses JAX-RS decides on itself (404, 405, 406, 415, ...) get the envelope, and keep the
 * headers that belong to them ({@code Allow}, {@code WWW-Authenticate}).
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return ErrorResponses.unexpected(status, exception);
        }
        Response.ResponseBuilder response = ErrorResponses.envelope(status, ErrorResponses.messageFor(status), Map.of());
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }
}
