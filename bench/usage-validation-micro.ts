// Validation cost of a usage-events batch without a database: 1,000 events shaped as gateways send them, parsed from
// JSON, then checked line by line (validateLine: checkUsageEvent's plain path, falling back to usageEventSchema) or by
// the schema alone (as every line was before 2026-11-28). CPU time of this process per 1,000 events, JSON.parse
// included, with JSON.parse alone as the baseline.
// Run: npx tsx --conditions=react-server bench/usage-validation-micro.ts   (MICRO_ROUNDS, default 50)
import { validateLine } from "../lib/usage/classify-events";
import { usageEventSchema } from "../lib/validation/usage-event";

const ROUNDS = Number(process.env.MICRO_ROUNDS ?? 50);
const now = Date.now();
const events = Array.from({ length: 1000 }, (_, n) => ({
  id: `gw-${n}`,
  occurredAt: new Date(now - (n % 7200) * 1000).toISOString(),
  user: `person${n % 300}@example.com`,
  tool: "claude-code",
  project: n % 3 ? "infra-ci" : undefined,
  activity: "test-infrastructure",
  inputTokens: 1200 + n,
  outputTokens: 300,
  source: "gateway",
}));
const body = JSON.stringify(events);

function cpuPerThousand(check: (event: unknown, index: number) => unknown): number {
  for (let w = 0; w < 20; w++) (JSON.parse(body) as unknown[]).forEach(check);
  const c0 = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) (JSON.parse(body) as unknown[]).forEach(check);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / ROUNDS;
}

for (let run = 1; run <= 3; run++) {
  const line = cpuPerThousand((e, i) => validateLine(e, i));
  const schema = cpuPerThousand((e) => usageEventSchema.safeParse(e));
  const parse = cpuPerThousand(() => undefined);
  console.log(`run ${run}: validateLine ${line.toFixed(2)} ms | usageEventSchema alone ${schema.toFixed(2)} ms | JSON.parse alone ${parse.toFixed(2)} ms (CPU per 1,000 events)`);
}
