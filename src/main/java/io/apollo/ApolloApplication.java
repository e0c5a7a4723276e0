package io.apollo;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The API lives under {@code /apollo}; the WAR itself is deployed at the root context.
 * {@code @ApplicationScoped} because Payara only sees {@code @LoginConfig} on a CDI bean.
 */
@ApplicationScoped
@ApplicationPath(ApolloApplication.PATH)
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Scopes.APOLLO_WRITE, Scopes.WRITE, Scopes.APOLLO_READ, Scopes.READ})
public class ApolloApplication extends Application {

    /** Below the context root: {@code /apollo}. */
    public static final String PATH = "apollo";
}
