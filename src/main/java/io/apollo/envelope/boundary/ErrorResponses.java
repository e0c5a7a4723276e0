package io.apollo.envelope.boundary;

import io.apollo.operations.boundary.CorrelationId;
import io.apollo.operations.boundary.DatabaseReadiness;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.Readiness;

/** The one place where a failure becomes a status, a message and an envelope. */
public final class ErrorResponses {

    private static final String BEARER_CHALLENGE = "Bearer";
    static final String DATABASE_UNAVAILABLE = "Service unavailable: no connection to the database";
    /** How long a client is asked to wait before it sends a request the database could not take. */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);
    /** Causes looked at, at most: a chain that loops back on itself ends too. */
    private static final int MAX_CAUSES = 32;
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
        if (status == 500) {
            Throwable lost = firstCause(failure, ErrorResponses::connectionLost);
            if (lost != null) {
                return databaseUnavailable(lost);
            }
            Throwable candidate = firstCause(failure, ErrorResponses::connectionFailure);
            if (candidate != null && !databaseReachable()) {
                return databaseUnavailable(candidate);
            }
        }
        String errorId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, failure, () -> "Unexpected failure, status=" + status + " errorId=" + errorId
                + " correlationId=" + CorrelationId.current());
        return envelope(status, messageFor(status) + " (error id " + errorId + ")", Map.of("errorId", errorId)).build();
    }

    /**
     * A failure to get or keep a connection while the database is still out of reach (the
     * readiness probe, asked again now, fails too, and logs the outage once, with its cause), or a
     * connection lost: not a fault of the service but of its database (down, restarting, the
     * network to it cut, a Citus worker down). 503 with {@code Retry-After}, and one WARNING line
     * without a stack trace. The request's transaction did not commit, unless the connection broke
     * at the commit itself.
     */
    private static Response databaseUnavailable(Throwable cause) {
        String errorId = UUID.randomUUID().toString();
        LOG.warning(() -> "Database unavailable, status=503 errorId=" + errorId + " correlationId="
                + CorrelationId.current() + ": " + cause.getClass().getName() + (cause instanceof SQLException sql
                        ? " SQLState " + sql.getSQLState() : "") + ": " + cause.getMessage());
        return envelope(503, DATABASE_UNAVAILABLE + " (error id " + errorId + ")", Map.of("errorId", errorId))
                .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER.toSeconds())
                .build();
    }

    /** Whether the database answers a fresh readiness probe (DatabaseReadiness). */
    private static boolean databaseReachable() {
        return CDI.current().select(DatabaseReadiness.class, Readiness.Literal.INSTANCE).get().reachable();
    }

    /** The first failure in the cause chain that passes the test, or null. */
    static Throwable firstCause(Throwable failure, Predicate<Throwable> test) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (test.test(cause)) {
                return cause;
            }
        }
        return null;
    }

    /**
     * Whether the failure says no working connection to the database could be had or kept: the
     * server's pool could not hand one out (a connector's {@link ResourceException}), JDBC's
     * connection exception classes, SQLState class 08 (connection exception), PostgreSQL's
     * 57P01–57P03 (shut down by an administrator, crashed, cannot connect now) or 53300 (too many
     * connections). A candidate only: the pool's exception also wraps faults of the service, and
     * 08003 (no such connection) is one, so {@link #unexpected} answers 503 for it only while the
     * database stays out of reach.
     */
    static boolean connectionFailure(Throwable cause) {
        return cause instanceof ResourceException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLTransientConnectionException
                || sqlState(cause, state -> state.startsWith("08") || state.matches("57P0[123]")
                        || state.equals("53300"));
    }

    /**
     * Whether the failure is SQLState 08006 (connection failure): a link of the database broke,
     * the service's own connection (the PostgreSQL driver's I/O error) or, on Citus, the
     * coordinator's to a worker ("connection to the remote node ... failed", docs/operations.md
     * §6.2). Never a fault of the service, and the readiness probe cannot tell: the coordinator
     * answers it while a worker is down.
     */
    static boolean connectionLost(Throwable cause) {
        return sqlState(cause, "08006"::equals);
    }

    private static boolean sqlState(Throwable cause, Predicate<String> test) {
        return cause instanceof SQLException sql && sql.getSQLState() != null && test.test(sql.getSQLState());
    }
}
