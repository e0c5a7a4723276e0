package io.apollo.testing.probe;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.SQLException;

/** Deployed with the integration tests only: failures nobody foresaw, in JAX-RS, an EJB and a servlet. */
@Path("testing")
public class Failures {

    static final String SECRET = "secret-detail-that-must-not-leak";

    @EJB
    FailingBean bean;

    @GET
    @Path("failure")
    public String fail() {
        throw new IllegalStateException(SECRET);
    }

    @GET
    @Path("ejb-failure")
    public String failInAnEjb() {
        return bean.fail();
    }

    /**
     * A connection exception of the service's own making (SQLState 08003, no such connection: one
     * used after it was closed) while the database is up: still a 500.
     */
    @GET
    @Path("connection-failure")
    public String failAsIfDisconnected() throws SQLException {
        throw new SQLException(SECRET, "08003");
    }

    /** A connection lost (SQLState 08006), as a Citus coordinator reports a worker down: 503, the database up. */
    @GET
    @Path("connection-lost")
    public String failAsIfALinkBroke() throws SQLException {
        throw new SQLException("connection to the remote node apollo@192.0.2.1:5432 failed", "08006");
    }
}
