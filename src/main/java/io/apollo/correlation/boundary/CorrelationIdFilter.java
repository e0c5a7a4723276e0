package io.apollo.correlation.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Echoes or generates the correlation id on every response, including the container's own
 * error pages (hence the ERROR dispatch), and logs one line per request carrying it.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR}, asyncSupported = true)
public class CorrelationIdFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CorrelationIdFilter.class.getName());
    private static final String ATTRIBUTE = CorrelationId.class.getName();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = (String) request.getAttribute(ATTRIBUTE);
        boolean firstPass = id == null;
        if (firstPass) {
            id = CorrelationId.acceptOrGenerate(request.getHeader(CorrelationId.HEADER));
            request.setAttribute(ATTRIBUTE, id);
        }
        response.setHeader(CorrelationId.HEADER, id);
        long started = System.nanoTime();
        CorrelationId.set(id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (firstPass) {
                log(request, response, (System.nanoTime() - started) / 1_000_000);
            }
            CorrelationId.clear();
        }
    }

    private static void log(HttpServletRequest request, HttpServletResponse response, long millis) {
        int status = response.getStatus();
        String uri = request.getDispatcherType() == DispatcherType.ERROR
                ? (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : request.getRequestURI();
        Level level = status >= 500 ? Level.WARNING : status >= 400 ? Level.INFO : Level.FINE;
        LOG.log(level, () -> request.getMethod() + " " + uri + " " + status + " " + millis
                + "ms correlationId=" + CorrelationId.current());
    }
}
