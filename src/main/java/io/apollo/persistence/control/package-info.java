/**
 * What every component's storage shares: the kinds of database the service runs on (the one
 * place that tells H2 from PostgreSQL) and inserts that may race with another instance's. Uses
 * nothing of the service.
 */
package io.apollo.persistence.control;
