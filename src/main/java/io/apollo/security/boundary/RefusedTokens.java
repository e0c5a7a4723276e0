package io.apollo.security.boundary;

import io.apollo.operations.boundary.CorrelationId;
import io.apollo.security.control.NotBefore;
import io.apollo.security.control.TokenRefusal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One WARNING line for each request whose credentials were refused (401), with its correlation
 * id and the reason ({@link TokenRefusal}), no token and no stack trace: {@code Token refused
 * (correlationId=...): issuer 'x' is not the configured 'y' (mp.jwt.verify.issuer)}. A request
 * without an {@code Authorization} header is not logged here (its access line says 401).
 *
 * <p>Mapped in web.xml after the access log, for the passes that may end in a 401: the
 * server's own refusal arrives as its error page (ERROR), the application's
 * ({@link RolesAllowedFeature}) in the request's pass or its ASYNC dispatch.
 */
public class RefusedTokens extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RefusedTokens.class.getName());
    private static final String LOGGED = RefusedTokens.class.getName();

    private transient TokenRefusal refusal;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        Set<String> audiences = config.getOptionalValue("mp.jwt.verify.audiences", String.class)
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        refusal = new TokenRefusal(config.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse(null), audiences,
                Duration.ofSeconds(config.getOptionalValue(NotBefore.SKEW_PROPERTY, Long.class).orElse(NotBefore.DEFAULT_SKEW_SECONDS)));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && status(request, response) == HttpServletResponse.SC_UNAUTHORIZED
                    && request.getAttribute(LOGGED) == null) {
                request.setAttribute(LOGGED, Boolean.TRUE);
                LOG.warning("Token refused (correlationId=" + CorrelationId.current() + "): "
                        + refusal.reason(authorization, Instant.now()));
            }
        }
    }

    private static int status(HttpServletRequest request, HttpServletResponse response) {
        return request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code
                : response.getStatus();
    }
}
