import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { publishAuditCheckpoint } from "@/lib/audit/publish-checkpoint";
import { releaseExpiredReservations } from "@/lib/caps/cap-usage";
import { env } from "@/lib/env";
import { expireGrants } from "@/lib/grants/expire-grants";
import { warnExpiringGrants } from "@/lib/grants/warn-expiring-grants";
import { remindStaleApprovals } from "@/lib/requests/remind-stale-approvals";
import { logger } from "@/lib/logging/logger";
import { reconcileRecentVendorDays } from "@/lib/reconciliation/reconcile-recent-vendor-days";
import { foldClosedDays } from "@/lib/usage/daily-rollup";

// Scheduled work, one runner across all server workers: every worker ticks, but only the one holding the
// lease row ("SchedulerLease", renewed each tick, taken over once it lapses) runs jobs. A lease row rather than a
// session advisory lock because Prisma's pool gives no stable session; on PGlite there is one process anyway.
// Each job's last run is kept in ScheduledJobRun so a new leader does not repeat a job that just ran. Every
// job is idempotent (a crash mid-job and a re-run does no harm).

export type Job = { name: string; everyMs: number; run: (now: Date) => Promise<unknown>; enabled?: () => boolean };

const MINUTE = 60_000;
export const JOBS: Job[] = [
  { name: "expire-grants", everyMs: MINUTE, run: (now) => expireGrants(now) },
  { name: "warn-expiring-grants", everyMs: 15 * MINUTE, run: (now) => warnExpiringGrants(now) },
  { name: "remind-stale-approvals", everyMs: 15 * MINUTE, run: (now) => remindStaleApprovals(now) },
  { name: "release-expired-reservations", everyMs: MINUTE, run: (now) => releaseExpiredReservations(prisma, now) },
  // Reports are right before the fold too (they read both tables); folding keeps UsageDailyRecent to about a day of rows.
  { name: "fold-usage-rollups", everyMs: 10 * MINUTE, run: (now) => foldClosedDays(now) },
  { name: "reconcile-vendor-reports", everyMs: 24 * 60 * MINUTE, run: (now) => reconcileRecentVendorDays(now) },
  { name: "audit-checkpoint", everyMs: 60 * MINUTE, run: (now) => publishAuditCheckpoint(now), enabled: () => !!env.AUDIT_SIGNING_KEY },
];

const LEASE_NAME = "scheduler";
export const LEASE_MS = 90_000;

/** Takes or renews the lease; true when `holder` holds it until now + LEASE_MS. */
export async function acquireLease(holder: string, now: Date, leaseMs = LEASE_MS): Promise<boolean> {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const rows = await prisma.$queryRawUnsafe<{ holder: string }[]>(
    `INSERT INTO "SchedulerLease" ("name", "holder", "leaseUntil") VALUES ($1, $2, $3::timestamp)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil"
     WHERE "SchedulerLease"."holder" = excluded."holder" OR "SchedulerLease"."leaseUntil" <= $4::timestamp
     RETURNING "holder"`,
    LEASE_NAME,
    holder,
    until,
    now.toISOString(),
  );
  return rows.length === 1;
}

export async function releaseLease(holder: string) {
  await prisma.schedulerLease.deleteMany({ where: { name: LEASE_NAME, holder } });
}

/** Runs every due job once (if `holder` holds the lease). Returns the names of the jobs that ran. */
export async function runDueJobs(holder: string, now = new Date(), jobs: Job[] = JOBS): Promise<string[]> {
  if (!(await acquireLease(holder, now))) return [];
  const last = new Map((await prisma.scheduledJobRun.findMany()).map((r) => [r.name, r.lastRunAt.getTime()]));
  const ran: string[] = [];
  for (const job of jobs) {
    if (job.enabled && !job.enabled()) continue;
    if (now.getTime() - (last.get(job.name) ?? 0) < job.everyMs) continue;
    let lastError: string | null = null;
    try {
      await job.run(now);
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      logger.error({ err, job: job.name }, `scheduler job ${job.name} failed`);
    }
    await prisma.scheduledJobRun.upsert({ where: { name: job.name }, create: { name: job.name, lastRunAt: now, lastError }, update: { lastRunAt: now, lastError } });
    ran.push(job.name);
  }
  return ran;
}

export function newHolderId() {
  return `${process.pid}:${randomUUID()}`;
}
