-- The schema of the first release (its databases, created before migrations existed, are
-- baselined at this version: SchemaMigrations).
CREATE TABLE devices (
    device_id VARCHAR(128) NOT NULL PRIMARY KEY,
    collection_id VARCHAR(128) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- No foreign key to devices: H2 gives a foreign key an index of its own and then plans the keyed
-- UPDATE of a sample on that one-column index, reading the device's whole history for each
-- sample. Samples are only ever written for a device the same transaction has locked.
CREATE TABLE samples (
    device_id VARCHAR(128) NOT NULL,
    timeseries_id VARCHAR(128) NOT NULL,
    metric VARCHAR(64) NOT NULL,
    sample_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    value_text VARCHAR(1024) NOT NULL,
    value_is_number BOOLEAN NOT NULL,
    ingested_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, timeseries_id, sample_time, metric)
);

-- The orders reads come in (SampleFinder): one timeseries by time (the primary key, and its
-- descending twin), or the whole device by time. H2 reads an index in one direction only, hence
-- the descending twins.
CREATE INDEX samples_by_timeseries_desc ON samples (device_id, timeseries_id, sample_time DESC, metric DESC);
CREATE INDEX samples_by_time ON samples (device_id, sample_time, timeseries_id, metric);
CREATE INDEX samples_by_time_desc ON samples (device_id, sample_time DESC, timeseries_id DESC, metric DESC);

-- The key that signs continuation tokens (ContinuationTokens), created on first use.
CREATE TABLE token_keys (
    purpose VARCHAR(64) NOT NULL PRIMARY KEY,
    key_base64 VARCHAR(128) NOT NULL
);
