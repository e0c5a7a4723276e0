/**
 * The samples API over HTTP: {@code DevicesResource} (HTTP only:
 * roles, parameters, one call to a facade, the response), the {@code @Stateless} facades that are
 * one transaction each ({@code SampleIngestion} for a POST: validation, then its batch written
 * by {@code SharedCommits}, alone or in a transaction shared with other small batches;
 * {@code SamplePages} for a GET) or a
 * transaction a chunk ({@code Deletions}), the retention purge's timer ({@code RetentionJob}), the
 * body reader with its byte and time limits, the 429 of a POST that arrives while no batch can be
 * taken ({@code EarlyTooBusy}), and the wire records. No {@code EntityManager} and
 * no SQL here. Uses {@code samples.control}, {@code samples.entity}, {@code persistence.boundary}
 * (one instance purging at a time), {@code envelope} (the response and refusals),
 * {@code operations.boundary} and {@code operations.control} (what to meter and count),
 * {@code security.boundary} (the caller's collections) and the scopes of {@code io.apollo}.
 */
package io.apollo.samples.boundary;
