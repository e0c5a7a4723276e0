/**
 * The envelope of every response ({@code {"status": {"Message", "Code"}, "data"}}, docs/api.md §3)
 * and the one place where a failure becomes a status: the exception mappers for refusals
 * ({@code envelope.control}), Bean Validation, JAX-RS's own statuses and the unexpected (a 500
 * with an error id, logged once), and the error page for what the container answers itself.
 * Uses {@code envelope.control} and {@code operations.boundary} (the correlation id of the log
 * line, the count of a page's items).
 */
package io.apollo.envelope.boundary;
