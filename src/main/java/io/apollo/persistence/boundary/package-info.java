/**
 * The server's datasource and the database's kind, as CDI beans, and the schema migrations
 * (Flyway, {@code db/migration/<database>}) run at deployment before the first request. Uses
 * {@code persistence.control}.
 */
package io.apollo.persistence.boundary;
