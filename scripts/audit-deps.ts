// Production dependencies against the registry's security advisories (`npm audit --omit=dev`).
// Exit 0: no high or critical finding. Exit 1: findings, listed. Exit 3: the registry answered without
// advisories (some mirrors have no audit endpoint), so nothing was checked; the message says so.
import { spawnSync } from "node:child_process";

type Vulnerability = { name: string; severity: string; via: (string | { title?: string; url?: string })[]; range?: string };
type AuditReport = { vulnerabilities?: Record<string, Vulnerability>; metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } } };

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
let report: AuditReport & { message?: string; statusCode?: number };
try {
  report = JSON.parse(run.stdout || "{}");
} catch {
  console.error(`npm audit printed no report: ${(run.stderr || run.stdout).trim().split("\n")[0]}`);
  process.exit(3);
}
if (!report.metadata) {
  console.error(`npm audit could not check anything: ${report.message ?? (run.stderr.trim().split("\n")[0] || "no report")}`);
  process.exit(3);
}
const counts = report.metadata.vulnerabilities ?? {};
const serious = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === "high" || v.severity === "critical");
console.log(`npm audit (production, ${report.metadata.dependencies?.prod ?? "?"} packages): ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ")}`);
for (const v of serious) {
  const why = v.via.map((x) => (typeof x === "string" ? `via ${x}` : `${x.title ?? ""} ${x.url ?? ""}`.trim())).join("; ");
  console.log(`  ${v.severity}: ${v.name} ${v.range ?? ""} ${why}`);
}
process.exit(serious.length ? 1 : 0);
