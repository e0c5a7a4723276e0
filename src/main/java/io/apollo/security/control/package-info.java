/**
 * Rules about tokens, free of any server: multi-valued claims, NumericDate claims, {@code nbf},
 * and the tokens verified recently. Uses nothing of the service.
 */
package io.apollo.security.control;
