-- AlterEnum
ALTER TYPE "ReviewType" ADD VALUE 'unseen_usage';

-- CreateTable
CREATE TABLE "VendorReport" (
    "id" TEXT NOT NULL,
    "vendorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT,
    "sha256" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "importedById" TEXT,
    "apiKeyId" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VendorReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorUsageRow" (
    "id" TEXT NOT NULL,
    "vendorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "accountRef" TEXT NOT NULL DEFAULT '',
    "actorEmail" TEXT,
    "userId" TEXT,
    "model" TEXT NOT NULL DEFAULT '',
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheReadTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "requests" INTEGER,
    "costUsd" DECIMAL(24,6),
    "costBilled" BOOLEAN NOT NULL DEFAULT false,
    "reviewItemId" TEXT,

    CONSTRAINT "VendorUsageRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorAccountMapping" (
    "id" TEXT NOT NULL,
    "vendorId" TEXT NOT NULL,
    "accountRef" TEXT NOT NULL,
    "label" TEXT,
    "teamId" TEXT,
    "apiKeyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VendorAccountMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VendorReport_sha256_key" ON "VendorReport"("sha256");

-- CreateIndex
CREATE INDEX "VendorReport_vendorId_periodStart_idx" ON "VendorReport"("vendorId", "periodStart");

-- CreateIndex
CREATE INDEX "VendorUsageRow_vendorId_day_idx" ON "VendorUsageRow"("vendorId", "day");

-- CreateIndex
CREATE INDEX "VendorUsageRow_userId_day_idx" ON "VendorUsageRow"("userId", "day");

-- CreateIndex
CREATE INDEX "VendorUsageRow_reviewItemId_idx" ON "VendorUsageRow"("reviewItemId");

-- CreateIndex
CREATE UNIQUE INDEX "VendorUsageRow_vendorId_kind_rowKey_key" ON "VendorUsageRow"("vendorId", "kind", "rowKey");

-- CreateIndex
CREATE UNIQUE INDEX "VendorAccountMapping_vendorId_accountRef_key" ON "VendorAccountMapping"("vendorId", "accountRef");

-- AddForeignKey
ALTER TABLE "VendorReport" ADD CONSTRAINT "VendorReport_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorReport" ADD CONSTRAINT "VendorReport_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorUsageRow" ADD CONSTRAINT "VendorUsageRow_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorUsageRow" ADD CONSTRAINT "VendorUsageRow_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "VendorReport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorUsageRow" ADD CONSTRAINT "VendorUsageRow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorUsageRow" ADD CONSTRAINT "VendorUsageRow_reviewItemId_fkey" FOREIGN KEY ("reviewItemId") REFERENCES "ReviewItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorAccountMapping" ADD CONSTRAINT "VendorAccountMapping_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorAccountMapping" ADD CONSTRAINT "VendorAccountMapping_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorAccountMapping" ADD CONSTRAINT "VendorAccountMapping_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;
