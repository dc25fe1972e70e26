-- CreateTable
CREATE TABLE "UsageDailyRecent" (
    "day" DATE NOT NULL,
    "userId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT,
    "events" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,6) NOT NULL DEFAULT 0,
    "violations" INTEGER NOT NULL DEFAULT 0,
    "overCapEvents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageDailyRecent_pkey" PRIMARY KEY ("day","userId","toolId","projectId")
);

-- Room on every page for the new version of a row, so that adding to a rollup row is a heap-only update.
ALTER TABLE "UsageDailyRecent" SET (fillfactor = 70);
