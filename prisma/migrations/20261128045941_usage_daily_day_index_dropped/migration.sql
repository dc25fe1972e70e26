-- UsageDaily's primary key starts with "day", so an index on ("day") alone served no query the key does not; it cost
-- one more index entry for every rollup row ingestion updates (bench/rollup-indexes.ts).

-- DropIndex
DROP INDEX "UsageDaily_day_idx";
