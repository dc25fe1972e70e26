import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { callMachineApi } from "../../support/machine-api";
import { decisionResponseSchema } from "@/lib/validation/decision";
import { ingestResultSchema } from "@/lib/validation/usage-event";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture } from "../usage/gateway-fixture";
import { recountRollups } from "../reliability/recount";

// Property-based tests of both machine endpoints with arbitrary bodies, through the real Fastify app and
// the real database: never a 500, every answer in the documented success or error shape, and exactly the
// accepted events stored (no partial write). Seeds are fixed so a failure reproduces; fast-check prints the
// counterexample it shrank to.

useTestDb();
let key: string;
beforeAll(async () => {
  await createGatewayFixture();
  key = (await createApiKey(["ingest", "decide"])).key;
});

const errorShape = z.strictObject({
  error: z.strictObject({ code: z.string().min(1), message: z.string().min(1), fields: z.array(z.strictObject({ path: z.string(), message: z.string() })) }),
});

const USERS = ["engineer@example.com", "E-ENG", "manager@example.com", "gone@example.com", "ghost@example.com", ""];
const TOOLS = ["claude-code", "metacode", "shady-ai", "nope"];
const ACTIVITIES = ["test-infrastructure", "product-code", "training-data-generation", "unknown-activity"];
const PROJECTS = ["infra-ci", "ads-ranking", "llm-pretraining-data", "secret-x"];

/** Anything JSON can carry, biased toward the edges: huge and negative numbers, long strings, nesting. */
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, "", " ", "NaN", "'; DROP TABLE \"UsageEvent\"; --"),
  fc.string({ maxLength: 400 }),
);
const junkOrMissing = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: junk }), { nil: undefined });


const decisionBody = fc.oneof(
  fc.record(
    { user: junkOrMissing(fc.constantFrom(...USERS)), tool: junkOrMissing(fc.constantFrom(...TOOLS)), activity: junkOrMissing(fc.constantFrom(...ACTIVITIES)), project: junkOrMissing(fc.constantFrom(...PROJECTS)), estimatedTokens: junkOrMissing(fc.nat(2_000_000)) },
    { requiredKeys: [] },
  ).map((v) => JSON.stringify(v)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
);

let eventSeq = 0;
/** Usually a known-good value, sometimes an unknown name, junk, or missing: most lines are valid, many are not. */
const field = <T>(good: fc.Arbitrary<T>, bad?: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 30, arbitrary: good },
    { weight: 1, arbitrary: bad ?? junk },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
const eventFields = fc.record({
  occurredAt: field(fc.constantFrom(new Date().toISOString(), new Date(Date.now() - 86_400_000).toISOString()), fc.constantFrom("yesterday", "2999-01-01T00:00:00Z")),
  user: field(fc.constantFrom("engineer@example.com", "E-ENG", "manager@example.com"), fc.constantFrom("gone@example.com", "ghost@example.com", "")),
  tool: field(fc.constantFrom("claude-code", "metacode"), fc.constantFrom("shady-ai", "nope")),
  project: field(fc.constantFrom("infra-ci", "ads-ranking", "llm-pretraining-data"), fc.constant("secret-x")),
  activity: field(fc.constantFrom("test-infrastructure", "product-code", "training-data-generation"), fc.constant("unknown-activity")),
  inputTokens: field(fc.nat(50_000)),
  outputTokens: field(fc.nat(50_000)),
  costUsd: field(fc.double({ min: 0, max: 100, noNaN: true })),
  sessionId: field(fc.string({ maxLength: 20 })),
  source: field(fc.string({ maxLength: 20 })),
});
/** Mostly a fresh id; sometimes no id, or a junk one. */
const eventLike = fc
  .tuple(eventFields, fc.nat(5), junk)
  .map(([e, kind, j]): unknown => (kind === 0 ? e : kind === 1 ? { id: j, ...e } : { id: `fz-${++eventSeq}`, ...e }))
  // JSON drops undefined fields, as a gateway leaving them out would.
  .map((e) => JSON.parse(JSON.stringify(e)) as unknown);
/** A batch: event-like objects, bare junk, and sometimes the same id twice. */
const batch = fc
  .array(fc.oneof({ weight: 5, arbitrary: eventLike }, { weight: 1, arbitrary: junk }), { maxLength: 25 })
  .chain((events) => fc.boolean().map((dup) => (dup && events.length ? [...events, events[0]] : events)));

function post(url: string, body: string, contentType = "application/json") {
  return callMachineApi(new Request(`http://localhost${url}`, { method: "POST", body, headers: { authorization: `Bearer ${key}`, "content-type": contentType } }));
}

describe("fuzzing POST /api/v1/decisions", () => {
  it("answers any body with 200 in the decision shape or 400 in the error shape, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(decisionBody, async (body) => {
        const res = await post("/api/v1/decisions", body);
        const json: unknown = await res.json();
        if (res.status === 200) decisionResponseSchema.parse(json);
        else {
          expect(res.status).toBe(400);
          errorShape.parse(json);
        }
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });
});

describe("fuzzing POST /api/v1/usage-events", () => {
  it("stores exactly the accepted lines, answers every line, and keeps rollups equal to a recount", async () => {
    const seen = { accepted: 0, rejected: 0, duplicates: 0, badBodies: 0 };
    await fc.assert(
      fc.asyncProperty(batch, fc.boolean(), fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }), async (events, ndjson, garbage) => {
        const before = await prisma.usageEvent.count();
        const body = ndjson ? [...events.map((e) => JSON.stringify(e) ?? "null"), ...garbage].join("\n") : JSON.stringify(events);
        const res = await post("/api/v1/usage-events", body, ndjson ? "application/x-ndjson" : "application/json");
        const json: unknown = await res.json();
        const stored = (await prisma.usageEvent.count()) - before;
        if (res.status !== 200) {
          expect(res.status).toBe(400);
          errorShape.parse(json);
          expect(stored).toBe(0);
          seen.badBodies++;
          return;
        }
        const result = ingestResultSchema.parse(json);
        expect(stored).toBe(result.accepted);
        if (!ndjson) expect(result.accepted + result.duplicates + result.rejected.length).toBe(events.length);
        for (const r of result.rejected) expect(r.errors.length).toBeGreaterThan(0);
        seen.accepted += result.accepted;
        seen.rejected += result.rejected.length;
        seen.duplicates += result.duplicates;
      }),
      { numRuns: 120, seed: 20261126 },
    );
    console.info("usage-events fuzz:", JSON.stringify(seen));
    // The generator reaches every path: stored lines, bad lines, repeated ids and bodies refused whole.
    expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
    const recount = await recountRollups();
    expect(recount.daily.mismatches).toEqual([]);
    expect(recount.monthly.mismatches).toEqual([]);
    expect(recount.caps.mismatches).toEqual([]);
    expect(recount.events).toBeGreaterThan(0);
  });
});

describe("text PostgreSQL cannot store", () => {
  // JSON can carry U+0000 and lone surrogates; PostgreSQL text cannot. Such a line must be a rejected line
  // (or the body a 400), never a 500 that drops the valid lines sent with it.
  const bad = { nul: "a\u0000b", loneSurrogate: "a\ud800b" };
  const base = () => ({
    id: `txt-${++eventSeq}`, occurredAt: new Date().toISOString(), user: "engineer@example.com", tool: "claude-code",
    project: "infra-ci", activity: "test-infrastructure", inputTokens: 1, outputTokens: 1,
  });
  for (const [what, value] of Object.entries(bad)) {
    for (const field of ["id", "sessionId", "source"] as const) {
      it(`a ${what} in ${field} is rejected on its line and the valid line is kept`, async () => {
        const good = base();
        const res = await post("/api/v1/usage-events", JSON.stringify([good, { ...base(), [field]: value }]));
        expect(res.status).toBe(200);
        const result = ingestResultSchema.parse(await res.json());
        expect(result.accepted).toBe(1);
        expect(result.rejected.map((r) => r.index)).toEqual([1]);
        expect(await prisma.usageEvent.count({ where: { externalId: good.id } })).toBe(1);
      });
    }
    it(`a ${what} in the decision's user is a 400 or a deny, not a 500`, async () => {
      const res = await post("/api/v1/decisions", JSON.stringify({ user: value, tool: "claude-code", activity: "test-infrastructure" }));
      expect([200, 400]).toContain(res.status);
    });
  }
});
