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

    /** A failure that says the connection broke (SQLState 08006) while the database is up: still a 500. */
    @GET
    @Path("connection-failure")
    public String failAsIfDisconnected() throws SQLException {
        throw new SQLException(SECRET, "08006");
    }
}
