/**
 * Every request's correlation id, access line and metrics, declared once: a servlet filter
 * ({@code AccessLog}) sees every request, the container's own answers included; a resource
 * method is an operation of the metrics by {@code @Metered}; bodies that carry samples are
 * {@code Counted}. Resource methods call none of it. Also the readiness check of the database.
 * Uses {@code operations.control} and the application's path ({@code io.apollo}).
 */
package io.apollo.operations.boundary;
