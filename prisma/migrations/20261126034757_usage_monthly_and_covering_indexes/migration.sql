-- DropIndex
DROP INDEX "UsageDaily_userId_day_idx";

-- CreateTable
CREATE TABLE "UsageMonthly" (
    "month" DATE NOT NULL,
    "userId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(16,6) NOT NULL DEFAULT 0,
    "violations" INTEGER NOT NULL DEFAULT 0,
    "overCapEvents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageMonthly_pkey" PRIMARY KEY ("month","userId","toolId","projectId")
);

-- CreateIndex
CREATE INDEX "UsageMonthly_userId_month_covering_idx" ON "UsageMonthly"("userId", "month", "toolId", "projectId", "inputTokens", "outputTokens", "costUsd", "events", "violations");

-- CreateIndex
CREATE INDEX "UsageDaily_userId_day_covering_idx" ON "UsageDaily"("userId", "day", "toolId", "projectId", "teamId", "inputTokens", "outputTokens", "costUsd", "events", "violations");

-- Backfill: the monthly rollups of the usage already recorded.
INSERT INTO "UsageMonthly" ("month", "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents")
SELECT date_trunc('month', "day")::date, "userId", "toolId", "projectId", sum("events"), sum("inputTokens"), sum("outputTokens"), sum("costUsd"), sum("violations"), sum("overCapEvents")
FROM "UsageDaily"
GROUP BY 1, 2, 3, 4;
