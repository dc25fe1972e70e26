import type { ShapeRow } from "./support";

// The decisions the benchmarks send: who asks for which tool, activity and project in the seeded usage; one in
// BENCH_RESERVE_EVERY (5) carries estimatedTokens and so reserves, one in BENCH_STRANGER_EVERY (97) names a person
// nobody knows (0: none).
const STRANGER_EVERY = Number(process.env.BENCH_STRANGER_EVERY ?? 97);
const RESERVE_EVERY = Number(process.env.BENCH_RESERVE_EVERY ?? 5);

export type DecisionKind = "reserve" | "read" | "unknown";

export function decisionMix(shape: ShapeRow[]): { bodies: string[]; kind: (i: number) => DecisionKind } {
  const stranger = (i: number) => STRANGER_EVERY > 0 && i % STRANGER_EVERY === 0;
  const reserves = (i: number) => !stranger(i) && RESERVE_EVERY > 0 && i % RESERVE_EVERY === 0;
  const kind = (i: number): DecisionKind => (stranger(i) ? "unknown" : reserves(i) ? "reserve" : "read");
  const bodies = shape.map((e, i) =>
    JSON.stringify({
      user: stranger(i) ? `stranger${i}@example.com` : e.user,
      tool: e.tool,
      activity: e.activity,
      project: e.project ?? undefined,
      estimatedTokens: reserves(i) ? Math.min(2000, e.inputTokens) : undefined,
    }),
  );
  return { bodies, kind };
}
