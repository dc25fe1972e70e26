-- DropIndex
DROP INDEX "CapReservation_userId_toolId_settledAt_idx";

-- Settled reservations already gave their tokens back: only open ones stay (settling now deletes the row).
DELETE FROM "CapReservation" WHERE "settledAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "CapReservation" DROP COLUMN "settledAt";

-- CreateIndex
CREATE INDEX "CapReservation_userId_toolId_createdAt_idx" ON "CapReservation"("userId", "toolId", "createdAt");
