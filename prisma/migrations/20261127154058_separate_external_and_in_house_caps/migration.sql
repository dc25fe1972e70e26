-- CreateEnum
CREATE TYPE "CapKind" AS ENUM ('external', 'in_house', 'tool');

-- AlterTable
ALTER TABLE "Cap" ADD COLUMN     "kind" "CapKind" NOT NULL DEFAULT 'external',
ADD COLUMN     "toolId" TEXT;

-- AlterTable
ALTER TABLE "CapReservation" ADD COLUMN     "buckets" TEXT[] DEFAULT ARRAY['external']::TEXT[];

-- CreateTable
CREATE TABLE "CapBucketUsage" (
    "userId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "usedTokens" BIGINT NOT NULL DEFAULT 0,
    "reservedTokens" BIGINT NOT NULL DEFAULT 0,
    "alert80At" TIMESTAMP(3),
    "alert100At" TIMESTAMP(3),

    CONSTRAINT "CapBucketUsage_pkey" PRIMARY KEY ("userId","period","bucket")
);

-- AddForeignKey
ALTER TABLE "Cap" ADD CONSTRAINT "Cap_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapBucketUsage" ADD CONSTRAINT "CapBucketUsage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Data: the monthly cap now counts external tools only (issue 18). Every period's counters are rebuilt from the
-- monthly rollups (UsageMonthly months are calendar months in the company time zone, like cap periods).
UPDATE "CapUsage" c SET "usedTokens" = coalesce((
  SELECT sum(m."inputTokens" + m."outputTokens") FROM "UsageMonthly" m JOIN "Tool" t ON t."id" = m."toolId"
  WHERE t."kind" = 'external' AND m."userId" = c."userId" AND to_char(m."month", 'YYYY-MM') = c."period"
), 0);

-- The in-house counter and one counter per tool, from the same rollups.
INSERT INTO "CapBucketUsage" ("userId", "period", "bucket", "usedTokens")
SELECT m."userId", to_char(m."month", 'YYYY-MM'), 'in_house', sum(m."inputTokens" + m."outputTokens")
FROM "UsageMonthly" m JOIN "Tool" t ON t."id" = m."toolId" WHERE t."kind" = 'internal'
GROUP BY 1, 2
ON CONFLICT ("userId", "period", "bucket") DO UPDATE SET "usedTokens" = excluded."usedTokens";

INSERT INTO "CapBucketUsage" ("userId", "period", "bucket", "usedTokens")
SELECT m."userId", to_char(m."month", 'YYYY-MM'), 'tool:' || m."toolId", sum(m."inputTokens" + m."outputTokens")
FROM "UsageMonthly" m
GROUP BY 1, 2, 3
ON CONFLICT ("userId", "period", "bucket") DO UPDATE SET "usedTokens" = excluded."usedTokens";

-- Open reservations for in-house tools no longer hold external tokens.
UPDATE "CapReservation" r SET "buckets" = ARRAY[]::TEXT[]
FROM "Tool" t WHERE t."id" = r."toolId" AND t."kind" = 'internal';

UPDATE "CapUsage" c SET "reservedTokens" = coalesce((
  SELECT sum(r."tokens") FROM "CapReservation" r
  WHERE r."userId" = c."userId" AND r."period" = c."period" AND r."settledAt" IS NULL AND 'external' = ANY(r."buckets")
), 0);

-- An alert that no longer holds (the person is now below 80 % or 100 % of their external cap) may fire again.
-- The limit is resolved as lib/caps/cap-limit.ts does: personal, else nearest team up the tree, else the
-- largest role default, else 50,000,000.
WITH RECURSIVE chain AS (
  SELECT u."id" AS "userId", u."teamId", 0 AS depth FROM "User" u WHERE u."teamId" IS NOT NULL
  UNION ALL
  SELECT ch."userId", t."parentId", ch.depth + 1 FROM chain ch JOIN "Team" t ON t."id" = ch."teamId"
  WHERE t."parentId" IS NOT NULL AND ch.depth < 100
), lim AS (
  SELECT u."id" AS "userId", coalesce(
    (SELECT c."monthlyTokens" FROM "Cap" c WHERE c."kind" = 'external' AND c."scope" = 'user' AND c."userId" = u."id" LIMIT 1),
    (SELECT c."monthlyTokens" FROM chain ch JOIN "Cap" c ON c."kind" = 'external' AND c."scope" = 'team' AND c."teamId" = ch."teamId"
      WHERE ch."userId" = u."id" ORDER BY ch.depth LIMIT 1),
    (SELECT max(c."monthlyTokens") FROM "Cap" c WHERE c."kind" = 'external' AND c."scope" = 'role' AND c."role" = ANY(u."roles")),
    50000000
  ) AS "limit"
  FROM "User" u
)
UPDATE "CapUsage" c SET
  "alert80At" = CASE WHEN c."usedTokens" * 100 >= lim."limit" * 80 THEN c."alert80At" END,
  "alert100At" = CASE WHEN c."usedTokens" >= lim."limit" THEN c."alert100At" END
FROM lim WHERE lim."userId" = c."userId";
