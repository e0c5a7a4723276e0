package io.apollo.security.boundary;

import io.apollo.security.control.ClaimValues;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller's collections (security groups), from the configured token claim. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    @Inject
    @ConfigProperty(name = "apollo.collections.claim", defaultValue = "collections")
    String collectionsClaim;

    public Set<String> collections() {
        return ClaimValues.of(token.getClaim(collectionsClaim));
    }
}
