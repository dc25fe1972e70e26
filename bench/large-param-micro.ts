// The server's CPU for sending ingestion's JSON parameter to PostgreSQL, through Prisma as it is and as a large
// parameter (lib/db/large-param.ts), alternating, on the same connection pool. The statement only measures the
// parameter's length, so PostgreSQL's share is the same both ways and what differs is the Node.js side.
// Run: DATABASE_URL=postgresql://... npx tsx --conditions=react-server bench/large-param-micro.ts (MICRO_ROUNDS, MICRO_EVENTS)
import { closeDb, dbHandle, prisma } from "@/lib/db/client";
import { withLargeParams } from "@/lib/db/large-param";
import { timeOrderedIds } from "@/lib/usage/store-events";

async function main() {
  if (!dbHandle().pool) throw new Error("DATABASE_URL must name a PostgreSQL server: large parameters apply to its pool only");
  const rounds = Number(process.env.MICRO_ROUNDS ?? 40);
  const events = Number(process.env.MICRO_EVENTS ?? 5000);
  // The shape of insertEvents' rows, with the demo's sizes of ids and names.
  const ids = timeOrderedIds(events);
  const rows = ids.map((id, i) => ({
    id,
    externalId: `gw-2026-11-28-${i}-${id.slice(-12)}`,
    occurredAt: new Date(Date.now() - i * 1000).toISOString(),
    userId: `c${id.slice(0, 24)}`,
    toolId: `c${id.slice(4, 28)}`,
    projectId: i % 3 ? `c${id.slice(8, 32)}` : null,
    activityId: `c${id.slice(2, 26)}`,
    inputTokens: 1200 + i,
    outputTokens: 300 + i,
    costUsd: "0.012300",
    sessionId: i % 2 ? `sess-${i}` : null,
    source: "gateway",
    outcome: "allowed",
    grantId: null,
    ruleId: `rule-${i % 9}`,
    reasonCodes: ["policy_allows"],
    reviewItemId: null,
    day: "2026-11-28",
    period: "2026-11",
    teamId: `c${id.slice(6, 30)}`,
    toolKind: "external",
    batch: i % 5,
  }));
  const sql = `SELECT length($1::text) AS n`;
  const ways: Record<string, () => Promise<unknown>> = {
    "through Prisma": () => prisma.$queryRawUnsafe(sql, JSON.stringify(rows)),
    "as a large parameter": () => withLargeParams(true, [JSON.stringify(rows)], ([p]) => prisma.$queryRawUnsafe(sql, p)),
  };
  const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
  const bytes = JSON.stringify(rows).length;
  for (const run of Object.values(ways)) await run(); // warm up both
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of r % 2 ? Object.entries(ways).reverse() : Object.entries(ways)) {
      const before = process.cpuUsage();
      await run();
      const used = process.cpuUsage(before);
      cpu[name].push((used.user + used.system) / 1000);
    }
  }
  console.log(`${events.toLocaleString("en-US")} events per statement, parameter ${(bytes / 1e6).toFixed(2)} MB, ${rounds} alternating rounds`);
  for (const [name, ms] of Object.entries(cpu)) {
    ms.sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)];
    console.log(`  ${name.padEnd(22)} Node.js CPU per statement: median ${median.toFixed(1)} ms (${((median * 1000) / events).toFixed(1)} ms per 1,000 events), p90 ${ms[Math.floor(ms.length * 0.9)].toFixed(1)} ms`);
  }
}

main().finally(() => closeDb());
