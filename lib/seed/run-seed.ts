import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { localDay } from "@/lib/calendar";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { buildOrg } from "./org-data";
import { seedApiKey, type SeededApiKey } from "./seed-api-key";
import { seedScimToken } from "./seed-scim-token";
import { seedCaps } from "./seed-caps";
import { seedCatalog } from "./seed-catalog";
import { deactivateLeavers, leavingDates, seedOrg } from "./seed-org";
import { seedPolicy } from "./seed-policy";
import { seedRepositories } from "./seed-repositories";
import { seedRequests } from "./seed-requests";
import { seedUsage, type UsageSeedResult } from "./seed-usage";
import { foldClosedDays } from "@/lib/usage/daily-rollup";
import { seedVendorReports } from "./seed-vendor-reports";
import { countRows } from "./count-rows";

export const SEED_PROFILES = {
  demo: { days: 90, rate: 1 },
  test: { days: 14, rate: 0.4 },
} as const;
export type SeedProfile = keyof typeof SEED_PROFILES;

export type SeedOptions = {
  profile: SeedProfile;
  /** the data ends at the start of this hour (default: now) */
  now?: Date;
  apiKey?: string;
  /** SEED_SCIM_TOKEN: the value of a SCIM token to create (none without it) */
  scimToken?: string;
  batchSize?: number;
  log?: (line: string) => void;
};

export type SeedSummary = {
  profile: SeedProfile;
  anchor: Date;
  counts: Record<string, number>;
  timingsMs: Record<string, number>;
  usage: UsageSeedResult;
  requestsCreated: number;
  apiKey: SeededApiKey;
  scimToken: Awaited<ReturnType<typeof seedScimToken>>;
};

export function isSeedProfile(value: string): value is SeedProfile {
  return value in SEED_PROFILES;
}

/** Loads the demo data; idempotent (a second run with the same hour adds nothing but its audit entry). */
export async function runSeed(options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => undefined);
  const profile = SEED_PROFILES[options.profile];
  const anchor = new Date(Math.floor((options.now ?? new Date()).getTime() / 3_600_000) * 3_600_000);
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    timingsMs[label] = Math.round(performance.now() - t0);
    log(`  ${label.padEnd(10)} ${(timingsMs[label] / 1000).toFixed(1)} s`);
    return value;
  };

  const people = buildOrg();
  const catalog = await timed("catalog", () => seedCatalog());
  const org = await timed("org", () => seedOrg(people));
  const adminId = org.users.get("admin@example.com") ?? null;
  await timed("policy", () => seedPolicy(catalog, adminId));
  await timed("caps", () => seedCaps(people, org.teams, org.users));
  await timed("repositories", () => seedRepositories(catalog));
  invalidatePolicySnapshot();
  const requestsCreated = await timed("requests", () => seedRequests(people, org.users, anchor));
  const apiKey = await timed("api key", () => seedApiKey(options.apiKey, adminId));
  const scimToken = await seedScimToken(options.scimToken, adminId);

  const grants = await prisma.grant.findMany({
    where: { requestId: { startsWith: "seed-" } },
    select: { user: { select: { email: true } }, tool: { select: { slug: true } }, activity: { select: { slug: true } }, project: { select: { key: true } }, validFrom: true, validTo: true, revokedAt: true },
  });
  const leftAt = await leavingDates(people, anchor);
  invalidatePolicySnapshot();
  const usage = await timed("usage", () =>
    seedUsage(
      {
        people,
        grants: grants.map((g) => ({ user: g.user.email, tool: g.tool.slug, activity: g.activity.slug, project: g.project?.key ?? null, validFrom: g.validFrom, validTo: g.validTo, revoked: !!g.revokedAt })),
        anchor,
        timeZone: env.COMPANY_TIME_ZONE,
        days: profile.days,
        rate: profile.rate,
        today: localDay(new Date(anchor.getTime() - 1), env.COMPANY_TIME_ZONE),
        leftAt,
      },
      {
        apiKeyId: apiKey.id,
        batchSize: options.batchSize ?? 5000,
        onBatch: (r, day) => log(`    ${day}: ${r.accepted.toLocaleString("en-US")} accepted, ${r.duplicates.toLocaleString("en-US")} duplicates`),
      },
    ),
  );
  // The seeded history's closed days into the reports' rollup tables, as the scheduler's fold would (today's stay recent).
  await timed("fold rollups", () => foldClosedDays());
  // People who left are deactivated only after their history is ingested (usage of an inactive person is a violation).
  await timed("leavers", () => deactivateLeavers(leftAt));
  invalidatePolicySnapshot();
  // Last: what the vendors reported (imported like an upload), for the reconciliation pages.
  await timed("vendors", () => seedVendorReports(anchor));

  const counts = await countRows();
  await prisma.$transaction((tx) =>
    appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "seed.applied",
      entityType: "seed",
      entityId: options.profile,
      data: { profile: options.profile, anchor: anchor.toISOString(), counts, requestsCreated, usage: { generated: usage.generated, accepted: usage.accepted, duplicates: usage.duplicates, outcomes: usage.outcomes } },
    }),
  );
  return { profile: options.profile, anchor, counts, timingsMs, usage, requestsCreated, apiKey, scimToken };
}
