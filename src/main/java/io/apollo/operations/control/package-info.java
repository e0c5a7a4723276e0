/**
 * What operators measure: the API's operations, the routes that tell a request's operation,
 * and the metrics ({@code apollo_*} at {@code /metrics}) recorded through whichever metrics API
 * the server has. Uses nothing of the service.
 */
package io.apollo.operations.control;
