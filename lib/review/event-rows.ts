import "server-only";
import { prisma } from "../db/client";
import type { Prisma } from "../generated/prisma/client";

// UsageEvent has no relations to the person, tool, project and activity (no foreign keys: see the schema), so the
// evidence lists, reports and CSVs read the events, then the names of the few distinct ids a page holds.

const eventRowSelect = {
  id: true,
  externalId: true,
  occurredAt: true,
  receivedAt: true,
  userId: true,
  toolId: true,
  projectId: true,
  activityId: true,
  inputTokens: true,
  outputTokens: true,
  costUsd: true,
  outcome: true,
  reasonCodes: true,
  policyVersion: true,
  ruleId: true,
  grantId: true,
  sessionId: true,
  source: true,
} satisfies Prisma.UsageEventSelect;

type StoredRow = Prisma.UsageEventGetPayload<{ select: typeof eventRowSelect }>;

/** An evidence event with who, what tool, which project and activity by name. */
export type EventRow = StoredRow & { user: { email: string }; tool: { slug: string }; project: { key: string } | null; activity: { slug: string } };

export type EventRowQuery = Pick<Prisma.UsageEventFindManyArgs, "where" | "orderBy" | "skip" | "take">;

const distinct = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];

/** The matching events with their names: one query for the events, then one per kind of name (in parallel). */
export async function findEventRows(query: EventRowQuery): Promise<EventRow[]> {
  const rows = await prisma.usageEvent.findMany({ ...query, select: eventRowSelect });
  if (!rows.length) return [];
  const [users, tools, projects, activities] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: distinct(rows.map((r) => r.userId)) } }, select: { id: true, email: true } }),
    prisma.tool.findMany({ where: { id: { in: distinct(rows.map((r) => r.toolId)) } }, select: { id: true, slug: true } }),
    prisma.project.findMany({ where: { id: { in: distinct(rows.map((r) => r.projectId)) } }, select: { id: true, key: true } }),
    prisma.activity.findMany({ where: { id: { in: distinct(rows.map((r) => r.activityId)) } }, select: { id: true, slug: true } }),
  ]);
  const email = new Map(users.map((u) => [u.id, u.email]));
  const toolSlug = new Map(tools.map((t) => [t.id, t.slug]));
  const projectKey = new Map(projects.map((p) => [p.id, p.key]));
  const activitySlug = new Map(activities.map((a) => [a.id, a.slug]));
  // An id with no row cannot happen (the delete guard in migration usage_event_catalog_keys); the id itself is shown if it did.
  return rows.map((r) => ({
    ...r,
    user: { email: email.get(r.userId) ?? r.userId },
    tool: { slug: toolSlug.get(r.toolId) ?? r.toolId },
    project: r.projectId === null ? null : { key: projectKey.get(r.projectId) ?? r.projectId },
    activity: { slug: activitySlug.get(r.activityId) ?? r.activityId },
  }));
}
