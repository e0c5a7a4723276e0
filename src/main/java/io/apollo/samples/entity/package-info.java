/**
 * What the service stores: {@code Device} and {@code TokenKey}, JPA entities, and {@code Sample},
 * the read model of a stored sample (samples are written and read by SQL in
 * {@code samples.control.SampleStore}, not by JPA), with the column lengths validation checks.
 * Uses nothing of the service.
 */
package io.apollo.samples.entity;
