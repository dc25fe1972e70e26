-- A name a worker does not know is looked up in any case (lib/policy/person-directory.ts, anyoneNamed): these keep
-- that look-up an index probe instead of a scan of every person.
CREATE INDEX "User_email_lower_idx" ON "User" (lower("email"));
CREATE INDEX "User_employeeId_lower_idx" ON "User" (lower("employeeId"));
