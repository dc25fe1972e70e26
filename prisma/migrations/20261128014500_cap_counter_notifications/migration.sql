-- Every change to a person's cap counters is announced on the channel "guardrail_cap_counters" with the person's
-- id as payload, and a TRUNCATE with "*": each server worker keeps the counters its decisions read in memory and
-- forgets a person's when told (lib/caps/cap-counter-cache.ts). NOTIFY is sent at commit and folds repeats within
-- a transaction, so an ingestion touching a person's counters many times announces them once.
CREATE OR REPLACE FUNCTION "guardrail_notify_cap_counters"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('guardrail_cap_counters', '*');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('guardrail_cap_counters', OLD."userId");
  ELSE
    PERFORM pg_notify('guardrail_cap_counters', NEW."userId");
    IF TG_OP = 'UPDATE' AND OLD."userId" IS DISTINCT FROM NEW."userId" THEN
      PERFORM pg_notify('guardrail_cap_counters', OLD."userId");
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CapUsage_notify_insert_delete" AFTER INSERT OR DELETE ON "CapUsage"
  FOR EACH ROW EXECUTE FUNCTION "guardrail_notify_cap_counters"();
-- The lock-only upsert (SET x = x) changes nothing and says nothing.
CREATE TRIGGER "CapUsage_notify_update" AFTER UPDATE ON "CapUsage"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "guardrail_notify_cap_counters"();
CREATE TRIGGER "CapUsage_notify_truncate" AFTER TRUNCATE ON "CapUsage"
  FOR EACH STATEMENT EXECUTE FUNCTION "guardrail_notify_cap_counters"();

CREATE TRIGGER "CapBucketUsage_notify_insert_delete" AFTER INSERT OR DELETE ON "CapBucketUsage"
  FOR EACH ROW EXECUTE FUNCTION "guardrail_notify_cap_counters"();
CREATE TRIGGER "CapBucketUsage_notify_update" AFTER UPDATE ON "CapBucketUsage"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "guardrail_notify_cap_counters"();
CREATE TRIGGER "CapBucketUsage_notify_truncate" AFTER TRUNCATE ON "CapBucketUsage"
  FOR EACH STATEMENT EXECUTE FUNCTION "guardrail_notify_cap_counters"();
