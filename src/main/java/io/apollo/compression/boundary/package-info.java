/**
 * Gzip request bodies, inflated before any reader sees them. Uses {@code envelope.control} to
 * refuse what it cannot inflate.
 */
package io.apollo.compression.boundary;
