package io.apollo.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class: the server with the deployment, and {@link #api} to call it. Every
 * such class of a run shares the server (on Payara the deployment too: arquillian.xml's suite
 * extension; docs/layout.md, Tests).
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ServerTest {

    @ArquillianResource
    URL deployment;

    protected Api api;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.apollo();
    }

    @BeforeEach
    void client() {
        api = new Api(deployment);
    }
}
