package io.apollo.security.boundary;

import io.apollo.security.control.ClaimValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * MP-JWT maps only the {@code groups} claim to roles; identity providers that speak OAuth put
 * scopes in one {@code scope} string instead. This store adds those scopes as groups, so both
 * kinds of token reach {@code @RolesAllowed} the same way (SPEC §2).
 */
@ApplicationScoped
public class ScopeClaimGroups implements IdentityStore {

    static final String SCOPE_CLAIM = "scope";

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult result) {
        if (result.getCallerPrincipal() instanceof JsonWebToken token) {
            return ClaimValues.of(token.getClaim(SCOPE_CLAIM));
        }
        return Set.of();
    }
}
