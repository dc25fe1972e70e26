// A hand-built world for the reconciliation tests: one vendor (Anthropic) with a usage report, a cost report and a
// Claude Code analytics report, and Guardrail events around them. Every figure the tests expect is worked out by hand
// in the test files from the numbers below.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";

export async function createReconFixture() {
  const anthropic = await prisma.vendor.create({ data: { slug: "anthropic", name: "Anthropic" } });
  const inhouse = await prisma.vendor.create({ data: { slug: "inhouse", name: "In-house" } });
  const claude = await prisma.tool.create({ data: { slug: "claude-code", name: "Claude Code", vendorId: anthropic.id, kind: "external", inputUsdPerMTok: 3, outputUsdPerMTok: 15 } });
  const metacode = await prisma.tool.create({ data: { slug: "metacode", name: "MetaCode", vendorId: inhouse.id, kind: "internal" } });
  const activity = await prisma.activity.create({ data: { slug: "documentation", name: "Documentation", description: "", disposition: "allowed" } });
  const platform = await prisma.team.create({ data: { slug: "platform", name: "Platform" } });
  const ml = await prisma.team.create({ data: { slug: "ml", name: "ML", parentId: platform.id } });
  const alice = await prisma.user.create({ data: { email: "alice@example.com", employeeId: "alice", name: "Alice", roles: ["engineer"], teamId: ml.id } });
  const bob = await prisma.user.create({ data: { email: "bob@example.com", employeeId: "bob", name: "Bob", roles: ["engineer"], teamId: platform.id } });
  const legal = await prisma.user.create({ data: { email: "legal@example.com", employeeId: "legal", name: "Lea", roles: ["legal"] } });
  const gateway = await prisma.apiKey.create({ data: { name: "gw-1", prefix: "gr_gw1", hash: randomUUID(), scopes: ["ingest"] } });
  await prisma.vendorAccountMapping.create({ data: { vendorId: anthropic.id, accountRef: "wrk_platform", label: "Platform workspace", teamId: platform.id } });
  await prisma.vendorAccountMapping.create({ data: { vendorId: anthropic.id, accountRef: "apikey_gw", apiKeyId: gateway.id } });

  const report = (kind: string, periodStart: string, periodEnd: string) =>
    prisma.vendorReport.create({ data: { vendorId: anthropic.id, kind, format: "json", fileName: `${kind}.json`, sha256: randomUUID(), rowCount: 0, periodStart: new Date(periodStart), periodEnd: new Date(periodEnd) } });
  const usage = await report("anthropic_messages_usage", "2026-11-02", "2026-11-04");
  const cost = await report("anthropic_cost", "2026-11-02", "2026-11-02");
  const analytics = await report("anthropic_claude_code", "2026-11-03", "2026-11-03");

  type Row = { reportId: string; kind: string; day: string; accountRef?: string; userId?: string; actorEmail?: string; model?: string; input?: number; output?: number; cacheRead?: number; costUsd: number; billed?: boolean };
  const row = (r: Row) =>
    prisma.vendorUsageRow.create({
      data: {
        vendorId: anthropic.id, kind: r.kind, rowKey: randomUUID(), reportId: r.reportId, day: new Date(r.day), accountRef: r.accountRef ?? "", userId: r.userId ?? null, actorEmail: r.actorEmail ?? null,
        model: r.model ?? "", inputTokens: BigInt(r.input ?? 0), outputTokens: BigInt(r.output ?? 0), cacheReadTokens: BigInt(r.cacheRead ?? 0), costUsd: r.costUsd, costBilled: r.billed ?? false,
      },
    });
  const rows = {
    r1: await row({ reportId: usage.id, kind: "anthropic_messages_usage", day: "2026-11-02", accountRef: "wrk_platform", model: "claude-sonnet-4", input: 40_000, output: 10_000, cacheRead: 5_000, costUsd: 0.6 }),
    r2: await row({ reportId: usage.id, kind: "anthropic_messages_usage", day: "2026-11-02", accountRef: "wrk_platform", model: "claude-haiku-4", input: 20_000, output: 5_000, costUsd: 0.05 }),
    r3: await row({ reportId: usage.id, kind: "anthropic_messages_usage", day: "2026-11-02", accountRef: "apikey_gw", model: "claude-sonnet-4", input: 9_000, output: 1_000, costUsd: 0.12 }),
    r4: await row({ reportId: usage.id, kind: "anthropic_messages_usage", day: "2026-11-03", accountRef: "wrk_unknown", model: "claude-sonnet-4", input: 30_000, costUsd: 0.3 }),
    r5: await row({ reportId: cost.id, kind: "anthropic_cost", day: "2026-11-02", accountRef: "wrk_platform", costUsd: 0.7, billed: true }),
    r6: await row({ reportId: analytics.id, kind: "anthropic_claude_code", day: "2026-11-03", userId: alice.id, actorEmail: "alice@example.com", model: "claude-sonnet-4", input: 12_000, output: 3_000, costUsd: 0.2 }),
  };

  const event = (userId: string, toolId: string, at: string, input: number, output: number, costUsd: number, apiKeyId: string | null = null) =>
    prisma.usageEvent.create({ data: { externalId: randomUUID(), occurredAt: new Date(at), userId, toolId, activityId: activity.id, inputTokens: input, outputTokens: output, costUsd, outcome: "allowed", apiKeyId } });
  await event(alice.id, claude.id, "2026-11-02T10:00:00Z", 30_000, 5_000, 0.4); // e1 → team Platform (ML's parent), 11-02
  await event(bob.id, claude.id, "2026-11-02T23:30:00Z", 10_000, 0, 0.1); // e2 → team Platform, 11-02 (UTC day, whatever the company zone)
  await event(bob.id, claude.id, "2026-11-02T12:00:00Z", 8_000, 2_000, 0.11, gateway.id); // e3 → gateway gw-1, 11-02
  await event(alice.id, claude.id, "2026-11-03T09:00:00Z", 4_000, 1_000, 0.05); // e8 → person Alice (analytics cover 11-03)
  await event(alice.id, claude.id, "2026-11-04T08:00:00Z", 1_000, 0, 0.01); // e4 → team Platform, 11-04 (no vendor row that day)
  await event(alice.id, claude.id, "2026-11-05T08:00:00Z", 7_000, 0, 0.07); // e5 → outside every report: not compared
  await event(alice.id, claude.id, "2026-11-01T23:59:00Z", 7_000, 0, 0.07); // e7 → the day before: not compared
  await event(alice.id, metacode.id, "2026-11-02T10:00:00Z", 50_000, 0, 0); // e6 → in-house tool, no vendor report
  return { anthropic, inhouse, claude, metacode, activity, platform, ml, alice, bob, legal, gateway, usage, cost, analytics, rows };
}
