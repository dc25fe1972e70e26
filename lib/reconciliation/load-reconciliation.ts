import "server-only";
import { prisma } from "@/lib/db/client";
import { addDays } from "@/lib/calendar";
import type { Tx } from "@/lib/db/tx";
import { COST_ONLY_KINDS, reconcile, type GapThreshold, type GuardrailRowInput, type ReconciliationLine, type Subject, type VendorRowInput } from "./reconcile";

// Loads both sides of the comparison for a date range and hands them to reconcile().
//
// Days: the vendors bucket their reports by UTC day, so Guardrail's side is summed per UTC day too, from the raw
// usage events (occurredAt is stored in UTC), not from the rollups, whose days are company-local calendar days
// (lib/calendar.ts). Comparing a UTC vendor day with a company-local rollup day would move every evening's usage
// to the wrong side of midnight outside UTC. The events are also the only place that records the gateway key a
// request came through, which is what an API account mapped to a gateway is compared with. Reading raw events is
// bounded by the range of one import (or of the page's filter) and by the vendor's tools.

export type ReconciliationWindow = { from: string; to: string; vendorId?: string | null };
export type LabelledLine = ReconciliationLine & { vendor: string; subjectLabel: string; reviewItemId: string | null };

type Db = Tx | typeof prisma;

/** Vendor rows of the window as plain numbers, with the days each vendor's usage reports cover. */
async function loadVendorSide(db: Db, w: ReconciliationWindow) {
  const rows = await db.vendorUsageRow.findMany({
    where: { day: { gte: new Date(`${w.from}T00:00:00Z`), lte: new Date(`${w.to}T00:00:00Z`) }, ...(w.vendorId ? { vendorId: w.vendorId } : {}) },
    select: { id: true, vendorId: true, kind: true, day: true, accountRef: true, actorEmail: true, userId: true, model: true, inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true, costUsd: true, costBilled: true, reviewItemId: true },
  });
  const vendorRows: (VendorRowInput & { reviewItemId: string | null })[] = rows.map((r) => ({
    ...r,
    day: r.day.toISOString().slice(0, 10),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    cacheReadTokens: Number(r.cacheReadTokens),
    cacheWriteTokens: Number(r.cacheWriteTokens),
    costUsd: r.costUsd === null ? null : Number(r.costUsd),
  }));
  // A day is compared when a usage report of that vendor covers it, even if the vendor reports nothing that day
  // (then what Guardrail saw shows as a negative gap). Cost-only reports say nothing about tokens.
  const reports = await db.vendorReport.findMany({
    where: { kind: { notIn: [...COST_ONLY_KINDS] }, periodStart: { lte: new Date(`${w.to}T00:00:00Z`) }, periodEnd: { gte: new Date(`${w.from}T00:00:00Z`) }, ...(w.vendorId ? { vendorId: w.vendorId } : {}) },
    select: { vendorId: true, periodStart: true, periodEnd: true },
  });
  const covered = new Set<string>();
  for (const r of vendorRows) if (!COST_ONLY_KINDS.has(r.kind)) covered.add(`${r.vendorId}\u0000${r.day}`);
  for (const r of reports) {
    const start = r.periodStart.toISOString().slice(0, 10) < w.from ? w.from : r.periodStart.toISOString().slice(0, 10);
    const end = r.periodEnd.toISOString().slice(0, 10) > w.to ? w.to : r.periodEnd.toISOString().slice(0, 10);
    for (let d = start; d <= end; d = addDays(d, 1)) covered.add(`${r.vendorId}\u0000${d}`);
  }
  return { vendorRows, covered };
}

/** Guardrail's usage of the vendors' tools per UTC day, person, team and gateway key, for the covered days only. */
async function loadGuardrailSide(db: Db, w: ReconciliationWindow, covered: Set<string>): Promise<GuardrailRowInput[]> {
  const vendorIds = [...new Set([...covered].map((k) => k.split("\u0000")[0]))];
  if (!vendorIds.length) return [];
  const rows = await db.$queryRaw<GuardrailRowInput[]>`
    SELECT to_char(e."occurredAt"::date, 'YYYY-MM-DD') AS "day", t."vendorId", e."userId", u."teamId", e."apiKeyId",
           SUM(e."inputTokens" + e."outputTokens")::float8 AS "tokens", SUM(e."costUsd")::float8 AS "costUsd"
    FROM "UsageEvent" e
    JOIN "Tool" t ON t."id" = e."toolId"
    JOIN "User" u ON u."id" = e."userId"
    WHERE e."occurredAt" >= ${new Date(`${w.from}T00:00:00Z`)} AND e."occurredAt" < ${new Date(`${addDays(w.to, 1)}T00:00:00Z`)}
      AND t."vendorId" IN (SELECT unnest(${vendorIds}::text[]))
    GROUP BY 1, 2, 3, 4, 5`;
  return rows.filter((r) => covered.has(`${r.vendorId}\u0000${r.day}`));
}

/** The comparison for a window, every line labelled for people (names of persons, teams, gateway keys, vendors). */
export async function loadReconciliation(w: ReconciliationWindow, threshold: GapThreshold, db: Db = prisma): Promise<LabelledLine[]> {
  const { vendorRows, covered } = await loadVendorSide(db, w);
  const [guardrailRows, mappings, teams, vendors] = await Promise.all([
    loadGuardrailSide(db, w, covered),
    db.vendorAccountMapping.findMany({ where: w.vendorId ? { vendorId: w.vendorId } : {}, select: { vendorId: true, accountRef: true, teamId: true, apiKeyId: true, label: true } }),
    db.team.findMany({ select: { id: true, parentId: true, name: true } }),
    db.vendor.findMany({ select: { id: true, name: true } }),
  ]);
  const lines = reconcile({ vendorRows, guardrailRows, mappings, teams, threshold });

  const userIds = [...new Set(lines.flatMap((l) => (l.subject.kind === "person" ? [l.subject.userId] : [])))];
  const keyIds = [...new Set(lines.flatMap((l) => (l.subject.kind === "gateway" ? [l.subject.apiKeyId] : [])))];
  const [users, keys] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
    keyIds.length ? db.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userLabel = new Map(users.map((u) => [u.id, `${u.name} (${u.email})`]));
  const keyLabel = new Map(keys.map((k) => [k.id, k.name]));
  const teamLabel = new Map(teams.map((t) => [t.id, t.name]));
  const accountLabel = new Map(mappings.map((m) => [`${m.vendorId}\u0000${m.accountRef}`, m.label]));
  const vendorName = new Map(vendors.map((v) => [v.id, v.name]));
  const reviewOf = new Map(vendorRows.map((r) => [r.id, r.reviewItemId]));

  const label = (vendorId: string, s: Subject): string => {
    switch (s.kind) {
      case "person":
        return userLabel.get(s.userId) ?? s.userId;
      case "email":
        return `${s.email} (not a known person)`;
      case "team":
        return `Team ${teamLabel.get(s.teamId) ?? s.teamId}`;
      case "gateway":
        return `Gateway key ${keyLabel.get(s.apiKeyId) ?? s.apiKeyId}`;
      case "unmapped":
        return `Unmapped account ${accountLabel.get(`${vendorId}\u0000${s.accountRef}`) ?? (s.accountRef || "(none named)")}`;
      case "unattributed":
        return "Seen by Guardrail, no vendor account mapped";
    }
  };
  return lines.map((l) => ({
    ...l,
    vendor: vendorName.get(l.vendorId) ?? l.vendorId,
    subjectLabel: label(l.vendorId, l.subject),
    reviewItemId: l.vendorRowIds.map((id) => reviewOf.get(id)).find((id) => !!id) ?? null,
  }));
}
