/**
 * The Apollo samples service: the JAX-RS application ({@code /apollo}, MP-JWT) and the token
 * scopes it knows as roles. Its parts, each a component of {@code boundary} (what the outside
 * world calls: resources, EJB facades, providers), {@code control} (rules with a name) and
 * {@code entity} (what is stored), are drawn in docs/architecture.md:
 * <ul>
 *   <li>{@code samples}: devices and their samples, the API's business;</li>
 *   <li>{@code security}: who the caller is and what the token allows;</li>
 *   <li>{@code envelope}: how every response, and every refusal, looks;</li>
 *   <li>{@code operations}: correlation ids, access lines, metrics, health;</li>
 *   <li>{@code persistence}: the datasource, the database's kind, schema migrations;</li>
 *   <li>{@code compression}: gzip request bodies.</li>
 * </ul>
 * This package uses none of them.
 */
package io.apollo;
