-- A change that can make a name find a person (someone added, an email or employee id changed, an alias added) is
-- announced on the channel "guardrail_people": each server worker remembers the names the database said nobody has,
-- so that a gateway naming an unknown person does not cost a query per call, and forgets them when told
-- (lib/policy/unknown-names.ts). One notification per statement; NOTIFY folds repeats within a transaction.
CREATE FUNCTION "guardrail_notify_people"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('guardrail_people', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "User_notify_people" AFTER INSERT OR UPDATE OF "id", "email", "employeeId" ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "guardrail_notify_people"();
CREATE TRIGGER "UserEmailAlias_notify_people" AFTER INSERT OR UPDATE ON "UserEmailAlias"
  FOR EACH STATEMENT EXECUTE FUNCTION "guardrail_notify_people"();
