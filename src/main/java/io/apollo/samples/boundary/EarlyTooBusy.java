package io.apollo.samples.boundary;

import io.apollo.envelope.boundary.ContainerErrorServlet;
import io.apollo.envelope.boundary.RejectionMapper;
import io.apollo.operations.control.Operation;
import io.apollo.operations.control.Routes;
import io.apollo.samples.control.Admission;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.util.Optional;

/**
 * A POST of samples that arrives while {@link Admission} has no place for another batch gets its
 * 429 before its body is read: parsing a body only to refuse it would spend what the server is
 * short of. The container then skips what the client still sends of it, keeping the connection
 * for the next request (closing it instead could reset it under a client still sending, before
 * the client has read the answer). A batch that passes here may still be refused once its body
 * is in, if the places were taken meanwhile. Mapped in web.xml before the body is received
 * (non-blocking-bodies), after the container has checked the token (a bad one still gets its 401);
 * the rest of the request (its scope, its media type, its length) is not looked at.
 */
public class EarlyTooBusy extends HttpFilter {

    @Inject
    Admission admission;

    @Inject
    Routes routes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The places first: a counter read, where the route is a match of every route's pattern.
        if (admission.writesFull() && isPostOfSamples(request)) {
            // A bearer token here is one the container has accepted (a bad one got its 401 before).
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            boolean authenticated = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            ContainerErrorServlet.write(response,
                    new RejectionMapper().toResponse(admission.refuseWrite(authenticated)));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isPostOfSamples(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return routes.of(request.getMethod(), path).equals(Optional.of(Operation.POST_SAMPLES));
    }
}
