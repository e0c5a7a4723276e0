package io.apollo.security.boundary;

import io.apollo.security.control.ClaimValues;
import io.apollo.security.control.NotBefore;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Enforces {@code @RolesAllowed} on resource methods the same way on every server: no caller
 * is 401 (with the Bearer challenge), a caller without one of the roles is 403. Jersey's and
 * RESTEasy's own checks disagree on the first case, so the application decides.
 *
 * <p>A caller's roles are its token's {@code groups} (MP-JWT's roles) and the scopes of its
 * OAuth {@code scope} string (docs/api.md §2), which MP-JWT does not map. Payara adds those through
 * {@link ScopeClaimGroups} (without it, a token with scopes only in {@code scope} was 403 there:
 * GetSamplesIT); WildFly's MP-JWT consults no identity store, but hands the token itself over as
 * the principal, so the scopes are also read from it here. A token whose {@code nbf} lies ahead is
 * 401 too ({@link NotBefore}).
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class)
                : resource.getResourceClass().getAnnotation(RolesAllowed.class);
        if (allowed != null) {
            Duration skew = Duration.ofSeconds(ConfigProvider.getConfig()
                    .getOptionalValue(NotBefore.SKEW_PROPERTY, Long.class).orElse(NotBefore.DEFAULT_SKEW_SECONDS));
            context.register(new RoleCheck(List.of(allowed.value()), skew));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class RoleCheck implements ContainerRequestFilter {

        private final List<String> roles;
        private final Duration skew;

        RoleCheck(List<String> roles, Duration skew) {
            this.roles = roles;
            this.skew = skew;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                throw new NotAuthorizedException("Bearer");
            }
            JsonWebToken token = security.getUserPrincipal() instanceof JsonWebToken jwt ? jwt : null;
            if (token != null && NotBefore.notYetValid(token.getClaim(NotBefore.CLAIM), Instant.now(), skew)) {
                throw new NotAuthorizedException("Bearer");
            }
            Set<String> scopes = token != null ? ClaimValues.of(token.getClaim(ScopeClaimGroups.SCOPE_CLAIM)) : Set.of();
            if (roles.stream().noneMatch(role -> scopes.contains(role) || security.isUserInRole(role))) {
                throw new ForbiddenException();
            }
        }
    }
}
