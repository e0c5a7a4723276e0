package io.apollo.testing.probe;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

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

    @Stateless
    public static class FailingBean {

        public String fail() {
            throw new IllegalStateException(SECRET);
        }
    }

    @WebServlet("/testing/servlet-failure")
    public static class FailingServlet extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException(SECRET);
        }
    }
}
