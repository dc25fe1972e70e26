-- A reservation's increment of "reservedTokens" is no longer announced by the counters' update triggers: NOTIFY makes
-- every committing transaction that sends one wait for a cluster-wide lock held through its WAL flush, and that
-- lock, with the listening connections' wake-ups, held the reservation statement in PostgreSQL to well under half
-- its rate without notices (bench/reserve-notify.ts). The reservation statements announce their own increment
-- instead when it leaves less than a tenth of the cap (lib/caps/cap-usage.ts), which is where a person's over-cap
-- answer can change; every other change (used tokens, reservations given back, alerts, rows added or removed) is
-- announced as before.
DROP TRIGGER "CapUsage_notify_update" ON "CapUsage";
CREATE TRIGGER "CapUsage_notify_update" AFTER UPDATE ON "CapUsage"
  FOR EACH ROW WHEN (
    OLD.* IS DISTINCT FROM NEW.*
    AND NOT (
      NEW."reservedTokens" > OLD."reservedTokens"
      AND (NEW."userId", NEW."period", NEW."usedTokens") = (OLD."userId", OLD."period", OLD."usedTokens")
      AND (NEW."alert80At", NEW."alert100At") IS NOT DISTINCT FROM (OLD."alert80At", OLD."alert100At")
    )
  ) EXECUTE FUNCTION "guardrail_notify_cap_counters"();

DROP TRIGGER "CapBucketUsage_notify_update" ON "CapBucketUsage";
CREATE TRIGGER "CapBucketUsage_notify_update" AFTER UPDATE ON "CapBucketUsage"
  FOR EACH ROW WHEN (
    OLD.* IS DISTINCT FROM NEW.*
    AND NOT (
      NEW."reservedTokens" > OLD."reservedTokens"
      AND (NEW."userId", NEW."period", NEW."bucket", NEW."usedTokens") = (OLD."userId", OLD."period", OLD."bucket", OLD."usedTokens")
      AND (NEW."alert80At", NEW."alert100At") IS NOT DISTINCT FROM (OLD."alert80At", OLD."alert100At")
    )
  ) EXECUTE FUNCTION "guardrail_notify_cap_counters"();
