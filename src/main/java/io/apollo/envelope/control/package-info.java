/**
 * Refusals: {@link io.apollo.envelope.control.Rejection}, what every component throws when it
 * refuses a request for a reason the caller can act on. Uses nothing of the service.
 *
 * <p>The one rule for refusing a request: throw a subclass of {@code Rejection} named for the
 * reason ({@code DeviceNotFound}, {@code InvalidQuery}, {@code BodyTooSlow}), declared in the
 * package that throws it: {@code control} for the rules of the domain, {@code boundary} for what
 * the HTTP framing refuses (charset, encoding, a body too slow). {@code Rejection} itself is
 * abstract, its {@link io.apollo.envelope.control.Rejection.Kind} gives the status, and
 * {@code envelope.boundary} alone turns it into a response. Nothing returns an error response
 * by itself or throws JAX-RS's {@code WebApplicationException} for a domain rule; the
 * container's and JAX-RS's own statuses (401 on a bad token, 404 on an unknown path, 405, 406)
 * are put into the same envelope by {@code envelope.boundary}.
 */
package io.apollo.envelope.control;
