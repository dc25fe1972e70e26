// What happened to a request, in order, as the request page shows it; and how decision conditions read. Pure.
import type { RequestDetail } from "./get-request-detail";

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
