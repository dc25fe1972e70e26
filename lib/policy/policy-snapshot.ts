import "server-only";
import { prisma } from "@/lib/db/client";
import { hotQuery } from "@/lib/db/hot-query";
import { env } from "@/lib/env";
import type { CapRow } from "@/lib/caps/cap-limit";
import { forgetAllCapCounters } from "@/lib/caps/cap-counter-cache";
import type { PolicyActivity, PolicyProject, PolicyRuleInput, PolicyTool } from "./evaluate";
import { anyoneNamed, findPerson, loadPersonDirectory, type PersonContext, type PersonDirectory } from "./person-directory";
import { anyoneNamedRemembered } from "./unknown-names";
import { clauseSource, toPolicyClause } from "./policy-clause";
import { logger } from "@/lib/logging/logger";

// The decision path and ingestion read policy from memory. A snapshot holds the active policy version's rules
// and the catalog; it is rebuilt when a cheap fingerprint query (one round trip, run at most every
// POLICY_REFRESH_MS) sees a change, so several processes stay fresh without talking to each other.

export type SnapshotTool = PolicyTool & { vendor: string; inputUsdPerMTok: number; outputUsdPerMTok: number };

export type PolicySnapshot = {
  policyVersion: number;
  rules: PolicyRuleInput[];
  toolsBySlug: Map<string, SnapshotTool>;
  toolsById: Map<string, SnapshotTool>;
  activitiesBySlug: Map<string, PolicyActivity>;
  activitiesById: Map<string, PolicyActivity>;
  projectsByKey: Map<string, PolicyProject>;
  projectsById: Map<string, PolicyProject>;
  /** team id → parent team id */
  teamParents: Map<string, string | null>;
  /** role and team defaults and personal overrides, of every kind of cap */
  caps: CapRow[];
  /** the in-house assistant that over-cap and prohibited answers point to (the first internal tool not blocked) */
  inHouseAssistant: { slug: string; name: string } | null;
  loadedAt: Date;
};

type Fingerprint = { catalog: string; directory: string };
type CacheState = {
  snapshot?: PolicySnapshot;
  directory?: PersonDirectory;
  fingerprint?: Fingerprint;
  /** when the probe behind the data started (ms) */
  refreshedAt: number;
  /** bumped by invalidatePolicySnapshot(); data from an older epoch is not used */
  epoch: number;
  dataEpoch: number;
  inflight?: { promise: Promise<void>; startedAt: number; epoch: number };
};

const STALE_GRACE_MS = 5_000;

const globalCache = globalThis as unknown as { __guardrailPolicyCache?: CacheState };
const cache = (globalCache.__guardrailPolicyCache ??= { refreshedAt: 0, epoch: 0, dataEpoch: -1 });

// Per table, the number of rows and a sum of hashes of each visible row version's (xmin, ctid): any insert, update or
// delete changes it, and only the rows' system columns are read. (An md5 over every row's text, as before, cost
// PostgreSQL 23-31 ms per probe at 5,000 people; this costs 1.3 ms.) A VACUUM FULL or a freeze may change it too,
// which costs one rebuild and nothing else.
const changeMark = (table: string) => `(SELECT count(*) || ':' || coalesce(sum(hashtext(x.xmin::text || x.ctid::text)), 0) FROM "${table}" x)`;
const CATALOG_TABLES = ["PolicyRule", "PolicyRuleClause", "Tool", "Vendor", "Activity", "Project", "Team", "Clause", "TermsDocument", "Cap"];
const DIRECTORY_TABLES = ["User", "UserEmailAlias", "Grant"];
const FINGERPRINT_SQL = `
SELECT concat_ws('|', (SELECT max("version") FROM "PolicyVersion"), ${CATALOG_TABLES.map(changeMark).join(", ")}) AS "catalog",
  concat_ws('|', ${DIRECTORY_TABLES.map(changeMark).join(", ")}) AS "directory"`;

async function probe(): Promise<Fingerprint> {
  const rows = await hotQuery<Fingerprint>("policy_fingerprint", FINGERPRINT_SQL, []);
  return rows[0];
}

async function buildSnapshot(): Promise<PolicySnapshot> {
  const [active, tools, activities, projects, teams, caps] = await Promise.all([
    prisma.policyVersion.findFirst({
      orderBy: { version: "desc" },
      select: {
        version: true,
        rules: {
          include: {
            clauses: { include: { clause: { include: clauseSource } } },
          },
        },
      },
    }),
    prisma.tool.findMany({ include: { vendor: { select: { name: true } } } }),
    prisma.activity.findMany(),
    prisma.project.findMany(),
    prisma.team.findMany({ select: { id: true, parentId: true } }),
    prisma.cap.findMany({ select: { scope: true, role: true, teamId: true, userId: true, kind: true, toolId: true, monthlyTokens: true } }),
  ]);
  const rules: PolicyRuleInput[] = (active?.rules ?? []).map((r) => ({
    id: r.id,
    position: r.position,
    name: r.name,
    toolId: r.toolId,
    toolKind: r.toolKind,
    activityId: r.activityId,
    disposition: r.disposition,
    sensitivity: r.sensitivity,
    teamId: r.teamId,
    effect: r.effect,
    message: r.message,
    clauses: r.clauses.map(({ clause }) => toPolicyClause(clause)),
  }));
  rules.sort((a, b) => a.position - b.position);
  const snapshotTools: SnapshotTool[] = tools.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    status: t.status,
    archived: t.archivedAt !== null,
    vendor: t.vendor.name,
    inputUsdPerMTok: Number(t.inputUsdPerMTok),
    outputUsdPerMTok: Number(t.outputUsdPerMTok),
  }));
  const policyActivities: PolicyActivity[] = activities
    .sort((a, b) => a.position - b.position)
    .map((a) => ({ id: a.id, slug: a.slug, name: a.name, disposition: a.disposition, archived: a.archivedAt !== null }));
  const policyProjects: PolicyProject[] = projects.map((p) => ({ id: p.id, key: p.key, name: p.name, sensitivity: p.sensitivity }));
  return {
    policyVersion: active?.version ?? 0,
    rules,
    toolsBySlug: new Map(snapshotTools.map((t) => [t.slug, t])),
    toolsById: new Map(snapshotTools.map((t) => [t.id, t])),
    activitiesBySlug: new Map(policyActivities.map((a) => [a.slug, a])),
    activitiesById: new Map(policyActivities.map((a) => [a.id, a])),
    projectsByKey: new Map(policyProjects.map((p) => [p.key, p])),
    projectsById: new Map(policyProjects.map((p) => [p.id, p])),
    teamParents: new Map(teams.map((t) => [t.id, t.parentId])),
    caps,
    inHouseAssistant: inHouseAssistantOf(snapshotTools),
    loadedAt: new Date(),
  };
}

function inHouseAssistantOf(tools: SnapshotTool[]): { slug: string; name: string } | null {
  const internal = tools.filter((t) => t.kind === "internal" && t.status !== "blocked").sort((a, b) => a.slug.localeCompare(b.slug));
  return internal[0] ? { slug: internal[0].slug, name: internal[0].name } : null;
}

async function refresh(startedAt: number, epoch: number): Promise<void> {
  const fingerprint = await probe();
  const reuse = cache.dataEpoch === epoch && cache.snapshot && cache.directory;
  const catalogChanged = !reuse || cache.fingerprint?.catalog !== fingerprint.catalog;
  const directoryChanged = catalogChanged || cache.fingerprint?.directory !== fingerprint.directory;
  const snapshot = catalogChanged ? await buildSnapshot() : cache.snapshot!;
  const directory = directoryChanged ? await loadPersonDirectory(snapshot) : cache.directory!;
  if (epoch !== cache.epoch) return; // invalidated meanwhile: the caller loops and probes again
  // A person's cap may have changed (caps, roles, teams, grants with a cap override): counters cached under the
  // old limits may leave out reservations near a new one.
  if (directoryChanged) forgetAllCapCounters();
  Object.assign(cache, { snapshot, directory, fingerprint, refreshedAt: startedAt, dataEpoch: epoch });
}

/** Makes the cached data at least as fresh as `maxAgeMs`: one probe at a time, shared by concurrent callers. */
async function ensureFresh(maxAgeMs: number): Promise<{ snapshot: PolicySnapshot; directory: PersonDirectory }> {
  const need = Date.now() - maxAgeMs;
  for (;;) {
    const current = cache.snapshot && cache.directory && cache.dataEpoch === cache.epoch;
    if (current && cache.refreshedAt >= need) return { snapshot: cache.snapshot!, directory: cache.directory! };
    // Slightly stale data is served while one probe runs in the background, so the hot path never waits on it.
    if (current && maxAgeMs > 0 && cache.refreshedAt >= need - STALE_GRACE_MS) {
      startRefresh();
      return { snapshot: cache.snapshot!, directory: cache.directory! };
    }
    startRefresh();
    await cache.inflight!.promise;
  }
}


function startRefresh() {
  if (cache.inflight) return;
  const startedAt = Date.now();
  const epoch = cache.epoch;
  const promise = refresh(startedAt, epoch).finally(() => {
    cache.inflight = undefined;
  });
  // Callers that wait see the error; a background refresh only logs it and the next call tries again.
  promise.catch((error: unknown) => logger.error({ err: error }, "refreshing the policy snapshot failed"));
  cache.inflight = { promise, startedAt, epoch };
}

/** The active policy and catalog, from memory; at most POLICY_REFRESH_MS old. */
export async function loadPolicySnapshot(): Promise<PolicySnapshot> {
  return (await ensureFresh(env.policyRefreshMs)).snapshot;
}

/** The people and their live grants, from memory; at most POLICY_REFRESH_MS old. */
export async function loadDirectory(options: { fresh?: boolean } = {}): Promise<PersonDirectory> {
  return (await ensureFresh(options.fresh ? 0 : env.policyRefreshMs)).directory;
}

/** Both, from the same refresh. `fresh` forces a probe now (used when a name is not found). */
export async function loadPolicyState(options: { fresh?: boolean } = {}) {
  return ensureFresh(options.fresh ? 0 : env.policyRefreshMs);
}

/**
 * The policy state to look these names up in (people by id, email or employee id). A name this process does not know
 * may be someone added a moment ago: when the database holds such a person (one look-up by name, far cheaper than
 * a probe), the state is refreshed first, so a caller fails closed only on names nobody has. Names the database said
 * nobody has are remembered until people change (lib/policy/unknown-names.ts).
 */
export async function loadPolicyStateFor(names: Iterable<string>) {
  const state = await loadPolicyState();
  const unknown = new Set<string>();
  for (const name of names) if (!findPerson(state.directory, name)) unknown.add(name);
  if (!unknown.size || !(await anyoneNamedRemembered([...unknown], anyoneNamed))) return state;
  return loadPolicyState({ fresh: true });
}

/**
 * A person by id, email (any case) or employee id, with their team chain and their grants (revoked ones
 * included: the evaluator ignores a grant from its revocation on); null when nobody matches.
 */
export async function loadPersonContext(userIdOrEmailOrEmployeeId: string): Promise<PersonContext | null> {
  const { directory } = await loadPolicyStateFor([userIdOrEmailOrEmployeeId]);
  return findPerson(directory, userIdOrEmailOrEmployeeId);
}

/** Call after changing tools, activities, projects, rules, clauses, caps, people or grants in this process. */
export function invalidatePolicySnapshot(): void {
  cache.epoch++;
}
