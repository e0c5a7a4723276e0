package io.apollo.testing.probe;

import jakarta.ejb.Stateless;

/** Deployed with the integration tests only: an EJB that fails (a top-level class, as EJBs must be). */
@Stateless
public class FailingBean {

    public String fail() {
        throw new IllegalStateException(Failures.SECRET);
    }
}
