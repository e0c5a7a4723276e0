package floor;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The floor application of {@code bench/platform-floor}: JAX-RS behind MicroProfile JWT, as the
 * service's application is set up, with nothing of the service in it.
 */
@ApplicationPath("/")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("apollo_write")
public class FloorApplication extends Application {
}
