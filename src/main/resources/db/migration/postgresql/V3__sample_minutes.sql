-- Per series and minute since the epoch (UTC), what aggregates of a minute and longer need: the
-- number of samples and of numeric ones, the exact sum, minimum and maximum of the numbers, and
-- the times of the first and last sample. An aggregate of a month of one-second samples then reads
-- 43,200 rows of a series instead of 2.6 million. Kept exact by SampleStore: every statement that
-- writes or deletes samples recomputes the minutes it touched, in the same transaction.
CREATE TABLE sample_minutes (
    series_key INTEGER NOT NULL,
    epoch_minute BIGINT NOT NULL,
    sample_count INTEGER NOT NULL,
    number_count INTEGER NOT NULL,
    number_sum NUMERIC,
    number_min NUMERIC,
    number_max NUMERIC,
    first_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT sample_minutes_by_series PRIMARY KEY (series_key, epoch_minute)
);
INSERT INTO sample_minutes (series_key, epoch_minute, sample_count, number_count, number_sum, number_min,
        number_max, first_time, last_time)
    SELECT series_key, FLOOR(EXTRACT(EPOCH FROM sample_time) / 60), COUNT(*),
        COUNT(CASE WHEN value_is_number THEN 1 END),
        SUM(CASE WHEN value_is_number THEN CAST(value_text AS NUMERIC) END),
        MIN(CASE WHEN value_is_number THEN CAST(value_text AS NUMERIC) END),
        MAX(CASE WHEN value_is_number THEN CAST(value_text AS NUMERIC) END),
        MIN(sample_time), MAX(sample_time)
    FROM samples
    GROUP BY series_key, FLOOR(EXTRACT(EPOCH FROM sample_time) / 60);
ANALYZE sample_minutes;
