// Production dependencies against the registry's security advisories (`npm audit --omit=dev`).
// Exit 0: no high or critical finding. Exit 1: findings, listed. Exit 3: the registry answered without
// advisories (some mirrors have no audit endpoint), so nothing was checked; the message says so.
import { spawnSync } from "node:child_process";
import { summarizeDependencyAudit } from "../lib/security/dependency-audit";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
let json: unknown = null;
try {
  json = JSON.parse(run.stdout || "null");
} catch {
  json = { message: (run.stderr || run.stdout).trim().split("\n")[0] };
}
const { status, lines } = summarizeDependencyAudit(json);
(status === "clean" ? console.log : console.error)(lines.join("\n"));
process.exit(status === "clean" ? 0 : status === "findings" ? 1 : 3);
