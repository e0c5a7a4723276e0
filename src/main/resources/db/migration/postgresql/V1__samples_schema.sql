-- The first schema, as on H2 (db/migration/h2) but for the indexes: PostgreSQL reads a B-tree
-- index in both directions, so the descending twins H2 needs would only cost writes here.
-- Ids compare by their characters (COLLATE "C"), as on H2 and in SampleFinder's merge of several
-- timeseries, whatever the database's collation: with a linguistic one ('a' < 'B'), the
-- continuation cursor and the merge would disagree and pages would skip or repeat samples.
CREATE TABLE devices (
    device_id VARCHAR(128) COLLATE "C" NOT NULL PRIMARY KEY,
    collection_id VARCHAR(128) COLLATE "C" NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- No foreign key to devices: samples are only ever written for a device the same transaction
-- has locked, and the key would cost every insert a lookup.
CREATE TABLE samples (
    device_id VARCHAR(128) COLLATE "C" NOT NULL,
    timeseries_id VARCHAR(128) COLLATE "C" NOT NULL,
    metric VARCHAR(64) COLLATE "C" NOT NULL,
    sample_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    value_text VARCHAR(1024) NOT NULL,
    value_is_number BOOLEAN NOT NULL,
    ingested_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, timeseries_id, sample_time, metric)
);

-- The orders reads come in (SampleFinder): one timeseries by time (the primary key, read
-- forwards or backwards), or the whole device by time.
CREATE INDEX samples_by_time ON samples (device_id, sample_time, timeseries_id, metric);

-- The key that signs continuation tokens (ContinuationTokens), created on first use.
CREATE TABLE token_keys (
    purpose VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY,
    key_base64 VARCHAR(128) NOT NULL
);
