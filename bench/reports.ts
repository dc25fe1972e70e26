// Report benchmark on PostgreSQL (data from scripts/generate-usage.ts):
//   DATABASE_URL=postgresql://…/guardrail_reports_bench npx tsx --conditions=react-server bench/reports.ts
// Measures the server-side data functions of the org report (what the page awaits before rendering) for a
// ~500-person org over 90 days and for the whole company, then downloads a year of one org's daily rows as
// CSV from `next start` (build first) while sampling the server's RSS.
import { createDb } from "@/lib/db/create-client";
import { setDbHandle, closeDb, prisma } from "@/lib/db/client";
import type { Person } from "@/lib/auth/authorize";
import { orgUserIds } from "@/lib/org/org-tree";
import { loadOrgReport } from "@/lib/reports/load-org-report";
import { parseReportFilters } from "@/lib/validation/report";
import { demoSignIn, startServer } from "./support";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const url = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("Set DATABASE_URL to the postgresql:// benchmark database.");

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm-up: connection pool, plans
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  console.log(`${label}: p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (${runs} runs)`);
}

async function asPerson(email: string): Promise<Person> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, roles: true, teamId: true, managerId: true } });
  return u;
}

/**
 * The export as a manager downloads it: the production server (`npm start`'s launcher and its workers, built beforehand
 * with `npm run build`), signed in through the demo provider, a year of the org's daily rows streamed over HTTP while
 * the server's RSS is sampled: all its processes together, and the largest one (the worker serving the export).
 */
async function csvThroughServer(managerId: string, from: string, to: string) {
  process.env.DEMO_SIGNIN = "true";
  // A small young generation as well as a bounded old one: the export allocates fast and briefly.
  const server = await startServer({ nodeOptions: "--max-old-space-size=192 --max-semi-space-size=4" });
  try {
    const cookie = await demoSignIn(server.url, managerId);
    await fetch(`${server.url}/reports/org?range=90`, { headers: { Cookie: cookie } }).then((r) => r.arrayBuffer()); // warm the route
    const idle = `${server.peakRssMb()} MB (largest process ${server.peakProcessRssMb()} MB)`;
    server.resetPeak();
    const t = performance.now();
    const res = await fetch(`${server.url}/api/reports/org/daily-rows?range=custom&from=${from}&to=${to}`, { headers: { Cookie: cookie } });
    if (!res.ok || !res.body) throw new Error(`CSV export answered ${res.status}`);
    let rows = 0;
    let bytes = 0;
    const reader = res.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const chunk = r.value;
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) rows++;
    }
    console.log(`CSV export through the production server, one org, 365 days: ${(rows - 1).toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s, server RSS ${idle} after sign-in and one report page, peak ${server.peakRssMb()} MB (largest process ${server.peakProcessRssMb()} MB) during the export`);
  } finally {
    await server.stop();
  }
}

async function main() {
  setDbHandle(createDb(url));
  const events = await prisma.usageEvent.count();
  const rollups = await prisma.usageDaily.count();
  const monthly = await prisma.usageMonthly.count();
  console.log(`database: ${events.toLocaleString("en-US")} usage events, ${rollups.toLocaleString("en-US")} daily and ${monthly.toLocaleString("en-US")} monthly rollup rows`);
  const last = await prisma.usageDaily.aggregate({ _max: { day: true } });
  const today = last._max.day!.toISOString().slice(0, 10);
  const vp = await asPerson("bench1@example.com");
  const admin = await asPerson("bench0@example.com");
  console.log(`manager org: ${(await orgUserIds(vp.id)).length + 1} people`);

  const q90 = parseReportFilters({ range: "90" }, today);
  await time("manager report, 500-person org, 90 days", RUNS, () => loadOrgReport(vp, q90));
  await time("whole-company report, 90 days", Math.max(5, Math.floor(RUNS / 3)), () => loadOrgReport(admin, q90));
  await time("whole-company report, 365 days", 5, () => loadOrgReport(admin, parseReportFilters({ range: "365" }, today)));

  const year = parseReportFilters({ range: "365" }, today);
  await csvThroughServer(vp.id, year.from, year.to);
  await closeDb();
}

main().catch(async (e) => {
  console.error(e);
  await closeDb();
  process.exit(1);
});
