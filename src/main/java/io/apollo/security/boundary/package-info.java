/**
 * The caller as the server's MP-JWT gives it: {@code @RolesAllowed} enforced alike on every
 * server (scopes from {@code groups} or the OAuth {@code scope} string, 401 or 403), the caller's
 * collections from the configured claim, and the identity stores that spare re-verifying a token
 * seen within the minute (Payara). Uses {@code security.control}.
 */
package io.apollo.security.boundary;
