-- UsageEvent loses its ("projectId", "userId", "occurredAt") index: maintaining it was about a sixth of ingestion's
-- statement in PostgreSQL (README, Performance). Every query that read it names the person too (contribution
-- evidence, an item's window of use), so ("userId", "occurredAt") serves them, filtering on the project. Reports read
-- the rollups, not the events.
DROP INDEX "UsageEvent_projectId_userId_occurredAt_idx";
