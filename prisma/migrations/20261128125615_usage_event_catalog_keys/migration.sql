-- UsageEvent's person, tool, project and activity keys without foreign-key checks: each check was a look-up and a
-- row lock on the parent per inserted event, about a third of ingestion's PostgreSQL time (README, Performance).
-- Ingestion takes these ids from the policy snapshot, which holds only rows that exist. The other direction stays
-- in the database: a person, tool, project or activity that has events cannot be deleted (the app never deletes
-- them; people are deactivated, tools and activities archived), as the foreign keys' ON DELETE RESTRICT did.

-- DropForeignKey
ALTER TABLE "UsageEvent" DROP CONSTRAINT "UsageEvent_activityId_fkey";

-- DropForeignKey
ALTER TABLE "UsageEvent" DROP CONSTRAINT "UsageEvent_projectId_fkey";

-- DropForeignKey
ALTER TABLE "UsageEvent" DROP CONSTRAINT "UsageEvent_toolId_fkey";

-- DropForeignKey
ALTER TABLE "UsageEvent" DROP CONSTRAINT "UsageEvent_userId_fkey";

-- The delete guard: TG_ARGV[0] is the UsageEvent column that points at the table the trigger is on.
CREATE FUNCTION "usage_event_parent_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM "UsageEvent" WHERE %I = $1)', TG_ARGV[0]) INTO used USING OLD."id";
  IF used THEN
    RAISE EXCEPTION 'delete on table "%" violates the usage history: "UsageEvent"."%" = % is still referenced', TG_TABLE_NAME, TG_ARGV[0], OLD."id"
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN OLD;
END;
$$;

CREATE TRIGGER "User_usage_event_guard" BEFORE DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION "usage_event_parent_guard"('userId');
CREATE TRIGGER "Tool_usage_event_guard" BEFORE DELETE ON "Tool" FOR EACH ROW EXECUTE FUNCTION "usage_event_parent_guard"('toolId');
CREATE TRIGGER "Project_usage_event_guard" BEFORE DELETE ON "Project" FOR EACH ROW EXECUTE FUNCTION "usage_event_parent_guard"('projectId');
CREATE TRIGGER "Activity_usage_event_guard" BEFORE DELETE ON "Activity" FOR EACH ROW EXECUTE FUNCTION "usage_event_parent_guard"('activityId');
