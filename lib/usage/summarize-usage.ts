import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { localDay } from "@/lib/calendar";
import { notFound } from "@/lib/errors";
import { loadPolicyState } from "@/lib/policy/policy-snapshot";
import type { UsageSummary, UsageSummaryQuery } from "@/lib/validation/read-api";

// Usage totals from the daily rollups (never from raw events), grouped by tool, person, team or day.

async function teamSubtree(teamRef: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE sub AS (
      SELECT "id" FROM "Team" WHERE "id" = ${teamRef} OR "slug" = ${teamRef}
      UNION
      SELECT t."id" FROM "Team" t JOIN sub ON t."parentId" = sub."id"
    )
    SELECT "id" FROM sub`;
  if (!rows.length) throw notFound(`Team "${teamRef}"`);
  return rows.map((r) => r.id);
}

export async function summarizeUsage(query: UsageSummaryQuery): Promise<UsageSummary> {
  const today = localDay(new Date(), env.COMPANY_TIME_ZONE);
  const from = query.from ?? `${today.slice(0, 7)}-01`;
  const to = query.to ?? today;
  const teamIds = query.team ? await teamSubtree(query.team) : null;
  const field = ({ tool: "toolId", user: "userId", team: "teamId", day: "day" } as const)[query.groupBy];
  const groups = await prisma.usageDaily.groupBy({
    by: [field],
    where: { day: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) }, ...(teamIds ? { teamId: { in: teamIds } } : {}) },
    _sum: { events: true, inputTokens: true, outputTokens: true, costUsd: true, violations: true, overCapEvents: true },
  });
  const { snapshot, directory } = await loadPolicyState();
  const teamNames =
    query.groupBy === "team" ? new Map((await prisma.team.findMany({ select: { id: true, name: true } })).map((t) => [t.id, t.name])) : null;
  const rows = groups.map((g) => {
    const raw = g[field as keyof typeof g] as string | Date | null;
    const key = raw instanceof Date ? raw.toISOString().slice(0, 10) : (raw ?? "");
    const label =
      query.groupBy === "tool"
        ? (snapshot.toolsById.get(key)?.name ?? key)
        : query.groupBy === "user"
          ? (directory.byId.get(key)?.email ?? key)
          : query.groupBy === "team"
            ? (teamNames?.get(key) ?? "No team")
            : key;
    const input = Number(g._sum.inputTokens ?? 0);
    const output = Number(g._sum.outputTokens ?? 0);
    return {
      key,
      label,
      events: g._sum.events ?? 0,
      inputTokens: input,
      outputTokens: output,
      tokens: input + output,
      costUsd: Math.round(Number(g._sum.costUsd ?? 0) * 100) / 100,
      violations: g._sum.violations ?? 0,
      overCapEvents: g._sum.overCapEvents ?? 0,
    };
  });
  rows.sort((a, b) => (query.groupBy === "day" ? a.key.localeCompare(b.key) : b.tokens - a.tokens));
  return { from, to, groupBy: query.groupBy, rows };
}
