package io.apollo.envelope.boundary;

import io.apollo.operations.boundary.CorrelationId;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place where a failure becomes a status, a message and an envelope. */
public final class ErrorResponses {

    private static final String BEARER_CHALLENGE = "Bearer";
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    /** The message for a status the container or JAX-RS decided on, worded for an API client. */
    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Missing or invalid bearer token";
            case 403 -> "Insufficient scope";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable: this API produces application/json";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type: send application/json";
            case 500 -> "Internal server error";
            case 503 -> "Service unavailable";
            default -> Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                    ? "Client error" : "Server error";
        };
    }

    public static Response.ResponseBuilder envelope(int status, String message, Object data) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Envelope.error(status, message, data));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return response;
    }

    /**
     * An unexpected failure: logged with a fresh error id that the client also gets, so an
     * operator can find the stack trace without the client ever seeing it.
     */
    static Response unexpected(int status, Throwable failure) {
        String errorId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, failure, () -> "Unexpected failure, status=" + status + " errorId=" + errorId
                + " correlationId=" + CorrelationId.current());
        return envelope(status, messageFor(status) + " (error id " + errorId + ")", Map.of("errorId", errorId)).build();
    }
}
