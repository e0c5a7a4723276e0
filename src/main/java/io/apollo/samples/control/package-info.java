/**
 * The rules of devices and samples, each under its name: parsing a batch, validating samples,
 * timestamps, the collections rule ({@code DeviceAccess}), finding and locking devices
 * ({@code Devices}), queries and their continuation tokens, how many batches and reads are served
 * at once ({@code Admission}), how a batch is written ({@code SampleWrites}: alone, or small
 * batches together in one transaction queued by {@code SharedCommits}, which also has larger ones
 * written in turn), and the refusals of these
 * rules.
 * {@code SampleStore} is the one seam to the database for samples: it owns the transaction's
 * connection, every SQL statement and the H2/PostgreSQL switch; JPA handles only entities.
 * Uses {@code samples.entity}, {@code envelope.control}, {@code persistence.control} and
 * {@code operations.control} (the counters and gauges of shared commits).
 */
package io.apollo.samples.control;
