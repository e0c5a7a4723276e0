package io.apollo.testing.probe;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Deployed with the integration tests only: a servlet that fails, outside JAX-RS. */
@WebServlet("/testing/servlet-failure")
public class FailingServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        throw new IllegalStateException(Failures.SECRET);
    }
}
