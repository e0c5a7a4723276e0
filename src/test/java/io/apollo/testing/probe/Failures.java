package io.apollo.testing.probe;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Deployed with the integration tests only: failures nobody foresaw, in JAX-RS and in a servlet. */
@Path("testing/failure")
public class Failures {

    static final String SECRET = "secret-detail-that-must-not-leak";

    @GET
    public String fail() {
        throw new IllegalStateException(SECRET);
    }

    @WebServlet("/testing/servlet-failure")
    public static class FailingServlet extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException(SECRET);
        }
    }
}
