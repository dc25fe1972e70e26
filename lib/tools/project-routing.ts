import "server-only";
import { prisma } from "@/lib/db/client";
import { matchRepository, type RepositoryPattern } from "./repository-match";

// Which project and activity a tool's call or telemetry counts for: what it names itself (resource attribute
// `guardrail.project` / `guardrail.activity`, or the hook's X-Guardrail-Project / X-Guardrail-Activity header),
// else the project whose repository pattern matches, then the project's default activity, else `other`.

export const FALLBACK_ACTIVITY = "other";

type Routing = { patterns: RepositoryPattern[]; defaultActivity: Map<string, string> };

// Read on the request path of every hook call: cached briefly, and dropped at once when an admin changes it here.
const CACHE_MS = 5_000;
const cache = globalThis as unknown as { __guardrailRouting?: { value: Routing; until: number } | null };

export function invalidateProjectRouting() {
  cache.__guardrailRouting = null;
}

export async function loadProjectRouting(): Promise<Routing> {
  const hit = cache.__guardrailRouting;
  if (hit && hit.until > Date.now()) return hit.value;
  const [mappings, projects] = await Promise.all([
    prisma.repositoryMapping.findMany({ select: { pattern: true, project: { select: { key: true } } } }),
    prisma.project.findMany({ where: { defaultActivityId: { not: null } }, select: { key: true, defaultActivity: { select: { slug: true } } } }),
  ]);
  const value: Routing = {
    patterns: mappings.map((m) => ({ pattern: m.pattern, projectKey: m.project.key })),
    defaultActivity: new Map(projects.filter((p) => p.defaultActivity).map((p) => [p.key, p.defaultActivity!.slug])),
  };
  cache.__guardrailRouting = { value, until: Date.now() + CACHE_MS };
  return value;
}

export type Routed = { project: string | null; activity: string; /** a repository was given but no pattern matched it */ unmatchedRepository: string | null };

/** Project and activity for one call, from what it names and where it runs. */
export function routeToProject(
  routing: Routing,
  named: { project?: string | null; activity?: string | null; repositories?: (string | null | undefined)[] },
): Routed {
  const repositories = (named.repositories ?? []).filter((r): r is string => !!r && !!r.trim());
  let project = named.project?.trim() || null;
  let unmatchedRepository: string | null = null;
  if (!project && repositories.length) {
    const match = matchRepository(routing.patterns, repositories);
    if (match) project = match.projectKey;
    else unmatchedRepository = repositories[0];
  }
  const activity = named.activity?.trim() || (project ? routing.defaultActivity.get(project) : undefined) || FALLBACK_ACTIVITY;
  return { project, activity, unmatchedRepository };
}
