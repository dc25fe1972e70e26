import "server-only";
import { prisma } from "@/lib/db/client";
import type { PolicyClause } from "@/lib/policy/evaluate";
import { clauseSource, toPolicyClause } from "@/lib/policy/policy-clause";

/** Everything the request page shows. Visibility is the caller's job (canSeeUser on requesterId). */
export async function getRequestDetail(requestId: string) {
  const request = await prisma.exceptionRequest.findUnique({
    where: { id: requestId },
    include: {
      requester: { select: { id: true, name: true, email: true } },
      tool: { select: { slug: true, name: true, kind: true } },
      activity: { select: { slug: true, name: true } },
      project: { select: { key: true, name: true, sensitivity: true } },
      steps: { orderBy: { createdAt: "asc" }, include: { actor: { select: { id: true, name: true } } } },
      comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { id: true, name: true } } } },
      grant: { include: { revokedBy: { select: { name: true } } } },
    },
  });
  if (!request) return null;
  return { ...request, clauses: await loadClauses(request.clauseIds) };
}
export type RequestDetail = NonNullable<Awaited<ReturnType<typeof getRequestDetail>>>;

/** The clauses a request was judged under, as the policy components show them. */
export async function loadClauses(ids: string[]): Promise<PolicyClause[]> {
  if (!ids.length) return [];
  const rows = await prisma.clause.findMany({
    where: { id: { in: ids } },
    include: clauseSource,
  });
  return rows.map(toPolicyClause);
}

export type TimelineEntry = { at: Date; label: string; who: string | null; note: string | null; tone: "neutral" | "success" | "danger" | "warning" };

/** Filed, each stage's decision, and how it ended: who, when, why. */
export function requestTimeline(r: RequestDetail): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ at: r.createdAt, label: "Filed", who: r.requester.name, note: null, tone: "neutral" }];
  for (const s of r.steps) {
    const conditions = describeConditions(s.conditions);
    entries.push({
      at: s.createdAt,
      label: `${s.stage === "manager" ? "Manager" : "Legal"} ${s.decision}`,
      who: s.actor.name,
      note: [s.reason, conditions].filter(Boolean).join(" · ") || null,
      tone: s.decision === "approved" ? "success" : "danger",
    });
  }
  if (r.status === "withdrawn" && r.decidedAt) entries.push({ at: r.decidedAt, label: "Withdrawn", who: r.requester.name, note: null, tone: "neutral" });
  if (r.grant?.revokedAt)
    entries.push({ at: r.grant.revokedAt, label: "Grant revoked", who: r.grant.revokedBy?.name ?? null, note: r.grant.revokeReason, tone: "danger" });
  if (r.status === "expired" && r.grant) entries.push({ at: r.grant.validTo, label: "Expired", who: null, note: "The grant's window ended.", tone: "warning" });
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function describeConditions(value: unknown): string | null {
  if (!value || typeof value !== "object") return null;
  const c = value as { validFrom?: string; validTo?: string; capOverrideTokens?: number };
  const parts: string[] = [];
  if (c.validFrom) parts.push(`from ${c.validFrom.slice(0, 10)}`);
  if (c.validTo) parts.push(`until ${c.validTo.slice(0, 10)}`);
  if (c.capOverrideTokens) parts.push(`cap ${c.capOverrideTokens.toLocaleString("en-US")} tokens/month`);
  return parts.length ? `Conditions: ${parts.join(", ")}` : null;
}
