-- Distributes the service's schema (version 3) on Citus by device: run once on the coordinator,
-- as a superuser, after the service's first start has created the tables there (its migrations
-- make plain tables) and with every instance stopped. docs/operations.md §6.2 gives the whole
-- procedure; bench/citus runs it.
\set ON_ERROR_STOP on
BEGIN;

-- Copied to every node: the schema's history, the devices (looked up by id on every request,
-- written when a device is first posted) and the continuation tokens' key. Point the instances at
-- the coordinator (docs/operations.md §6.2).
SELECT create_reference_table('flyway_schema_history');
SELECT create_reference_table('devices');
SELECT create_reference_table('token_keys');

-- A device's series and samples on one shard: every key of a distributed table holds its
-- distribution column, so device_key joins the primary keys (the service names the samples' key
-- in its upsert, ON CONFLICT ON CONSTRAINT samples_by_series, and so finds it either way).
ALTER TABLE series DROP CONSTRAINT series_by_key, ADD CONSTRAINT series_by_key PRIMARY KEY (device_key, series_key);
SELECT create_distributed_table('series', 'device_key');
ALTER TABLE samples DROP CONSTRAINT samples_by_series,
    ADD CONSTRAINT samples_by_series PRIMARY KEY (series_key, sample_time, device_key);
SELECT create_distributed_table('samples', 'device_key', colocate_with => 'series');

-- The minutes hold no device key: distributed by series, on shards of their own.
SELECT create_distributed_table('sample_minutes', 'series_key', colocate_with => 'none');

-- Distributing copied the rows to the shards and left them, invisible, in the local tables.
SELECT truncate_local_data_after_distributing_table('flyway_schema_history');
SELECT truncate_local_data_after_distributing_table('devices');
SELECT truncate_local_data_after_distributing_table('token_keys');
SELECT truncate_local_data_after_distributing_table('series');
SELECT truncate_local_data_after_distributing_table('samples');
SELECT truncate_local_data_after_distributing_table('sample_minutes');
COMMIT;
