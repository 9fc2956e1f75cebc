-- A stored trace may stand for several requests (traces.sample_rate, head sampling at the SDK), and the
-- processing rollups count requests represented. The quality rollup keeps the same measure for its scored
-- traces, so "share of traffic scored" divides like by like.
-- Rollback: ALTER TABLE evaluation_rollups_hourly DROP COLUMN represented_count;
--           ALTER TABLE evaluations DROP COLUMN sample_rate;

ALTER TABLE evaluations ADD COLUMN sample_rate INTEGER NOT NULL DEFAULT 1 CHECK (sample_rate >= 1);

-- Σ sample_rate of the scored evaluations in the cell
ALTER TABLE evaluation_rollups_hourly ADD COLUMN represented_count BIGINT NOT NULL DEFAULT 0;
UPDATE evaluation_rollups_hourly SET represented_count = score_count WHERE represented_count = 0;
