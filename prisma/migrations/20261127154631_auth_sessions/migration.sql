-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Deactivating a person ends their sessions, whichever code path deactivates them (admin, SCIM, import), so a
-- later reactivation does not bring an old session cookie back to life. Prisma stores timestamps as UTC.
CREATE FUNCTION "end_sessions_on_deactivation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AuthSession" SET "endedAt" = now() AT TIME ZONE 'UTC', "endReason" = 'deactivated'
  WHERE "userId" = NEW."id" AND "endedAt" IS NULL;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_end_sessions_on_deactivation"
AFTER UPDATE OF "active" ON "User"
FOR EACH ROW WHEN (OLD."active" AND NOT NEW."active")
EXECUTE FUNCTION "end_sessions_on_deactivation"();
