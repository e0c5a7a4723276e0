package io.apollo.envelope.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The error page (web.xml) for statuses the servlet container answers itself, outside
 * JAX-RS: a rejected bearer token, an unknown path, an uncaught failure. Same envelope as
 * everywhere else.
 */
@WebServlet(ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    static final String PATH = "/container-error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given ? given : 404;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Response envelope = failure != null || status >= 500
                ? ErrorResponses.unexpected(status, failure)
                : ErrorResponses.envelope(status, ErrorResponses.messageFor(status), Map.of()).build();
        write(response, envelope);
    }

    /** Writes an envelope response (status, headers, JSON body) outside JAX-RS. */
    public static void write(HttpServletResponse response, Response envelope) throws IOException {
        response.setStatus(envelope.getStatus());
        envelope.getStringHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(EnvelopeWriter.JSONB.toJson(envelope.getEntity()));
    }
}
