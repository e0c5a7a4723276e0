package io.apollo.operations.boundary;

import io.apollo.operations.control.Routes;
import io.apollo.operations.control.ServiceMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.StringJoiner;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Every request, the container's own error pages included (hence the ERROR dispatch): echoes or
 * generates its correlation id, then writes its one access line and counts it in the metrics
 * when the request is done: at the end of its first pass, or of the ASYNC dispatch that finishes
 * it ({@code NonBlockingBodies}). Mapped in web.xml, first of the filters.
 */
public class AccessLog extends HttpFilter {

    /** The logger of the access lines, so that operators can route or silence them on their own. */
    public static final String LOGGER = "io.apollo.access";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final String ATTRIBUTE = ServedRequest.class.getName();

    /**
     * The query parameters the API reads (docs/api.md), logged with their values. Any other
     * parameter is logged by name only ({@code access_token=[hidden]}), and one without a value
     * not at all ({@code [hidden]}): clients put credentials there.
     */
    static final Set<String> LOGGED_PARAMETERS = Set.of("timeseries_ids", "metric", "startTime", "endTime",
            "orderby", "limit", "paginated", "aggregation", "interval");

    /**
     * A JWT in compact form, signed (3 parts) or encrypted (5; its header, base64url of a JSON
     * object, starts {@code eyJ}), wherever
     * a client put one by mistake: as a device id in the path, or in a parameter the API reads.
     */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*){2,4}");
    static final String HIDDEN = "[hidden]";

    @Inject
    ServiceMetrics metrics;

    @Inject
    Routes routes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ServedRequest served = (ServedRequest) request.getAttribute(ATTRIBUTE);
        if (served == null) {
            // A token the container rejects never reaches the first pass: its error page comes here first.
            served = ServedRequest.begin(CorrelationId.acceptOrGenerate(request.getHeader(CorrelationId.HEADER)));
            request.setAttribute(ATTRIBUTE, served);
            response.setHeader(CorrelationId.HEADER, served.correlationId());
            pass(request, response, chain, served);
        } else if (request.getDispatcherType() == DispatcherType.ASYNC) {
            ServedRequest.resume(served);
            pass(request, response, chain, served);
        } else {
            errorPage(request, response, chain, served);
        }
    }

    /** A pass through the application, recorded unless it left the request to an ASYNC dispatch. */
    private void pass(HttpServletRequest request, HttpServletResponse response, FilterChain chain, ServedRequest served)
            throws IOException, ServletException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            try {
                // A failure escaping the chain becomes the container's 500 page after this line.
                if (failed || !request.isAsyncStarted()) {
                    int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
                    record(request, status, served, System.nanoTime() - served.started());
                }
            } finally {
                ServedRequest.end();
            }
        }
    }

    /** The error page of a request already being served: same id, already logged, maybe on its thread no more. */
    private static void errorPage(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            ServedRequest served) throws IOException, ServletException {
        response.setHeader(CorrelationId.HEADER, served.correlationId());
        boolean resumed = ServedRequest.resume(served);
        try {
            chain.doFilter(request, response);
        } finally {
            if (resumed) {
                ServedRequest.end();
            }
        }
    }

    private void record(HttpServletRequest request, int status, ServedRequest served, long nanos) {
        String path = path(request);
        routes.of(request.getMethod(), path.substring(Math.min(path.length(), request.getContextPath().length())))
                .ifPresent(operation -> metrics.record(operation, status, served.samples(), nanos));
        Level level = status >= 500 ? Level.WARNING : Level.INFO;
        if (LOG.isLoggable(level)) {
            LOG.log(level, line(request.getMethod(), path, request.getQueryString(), status, nanos, served));
        }
    }

    /**
     * {@code POST /apollo/devices/d1/timeseries/samples status=202 durationMs=12 samples=2 correlationId=...},
     * with no credential in it: see {@link #LOGGED_PARAMETERS} and {@link #JWT}.
     */
    static String line(String method, String path, String query, int status, long nanos, ServedRequest served) {
        String target = path + (query == null ? "" : "?" + withoutCredentials(query));
        return method + ' ' + JWT.matcher(target).replaceAll(HIDDEN)
                + " status=" + status
                + " durationMs=" + nanos / 1_000_000
                + " samples=" + (served.samples() == ServedRequest.UNKNOWN ? "-" : String.valueOf(served.samples()))
                + " correlationId=" + served.correlationId();
    }

    /** The query with the value of every parameter the API does not read replaced by {@link #HIDDEN}. */
    private static String withoutCredentials(String query) {
        StringJoiner kept = new StringJoiner("&");
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (LOGGED_PARAMETERS.contains(name)) {
                kept.add(parameter);
            } else {
                kept.add(equals < 0 ? HIDDEN : name + "=" + HIDDEN);
            }
        }
        return kept.toString();
    }

    /** The path as the client sent it (still percent-encoded: nothing in it can break the line). */
    private static String path(HttpServletRequest request) {
        Object original = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : null;
        return original == null ? request.getRequestURI() : original.toString();
    }
}
