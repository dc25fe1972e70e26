import { describe, expect, it } from "vitest";
import { validateLine } from "@/lib/usage/classify-events";
import { checkUsageEvent, usageEventSchema } from "@/lib/validation/usage-event";

const plain = {
  id: "otlp-claude-code-abc",
  occurredAt: "2026-11-20T10:15:00.000Z",
  user: "engineer@example.com",
  tool: "claude-code",
  project: "infra-ci",
  activity: "product-code",
  inputTokens: 100,
  outputTokens: 10,
  costUsd: null,
  sessionId: "s-1",
  source: "otlp:claude-code",
};

describe("checkUsageEvent: the schema's verdict, cheaply for plain events", () => {
  it("returns a plain valid event as it is, equal to what the schema returns", () => {
    const checked = checkUsageEvent(plain);
    expect(checked.ok && checked.event).toBe(plain);
    expect(usageEventSchema.parse(plain)).toEqual(plain);
  });

  it("sends anything not plainly valid through the schema: cleaned text, field errors with the schema's messages", () => {
    const spaced = checkUsageEvent({ ...plain, user: "  Éngineer@example.com\u200b " });
    expect(spaced).toEqual({ ok: true, event: { ...plain, user: "Éngineer@example.com" } });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ inputTokens: 2_147_483_648 }, "inputTokens", "must be at most 2147483647"],
      [{ outputTokens: -1 }, "outputTokens", "must be a non-negative integer"],
      [{ costUsd: 1e12 }, "costUsd", "must be at most 99999999.999999"],
      [{ occurredAt: "2099-01-01T00:00:00.000Z" }, "occurredAt", "must not be in the future"],
      [{ occurredAt: "1999-12-31T23:59:59.000Z" }, "occurredAt", "must not be before 2000-01-01"],
      [{ occurredAt: "2026-02-30T10:00:00.000Z" }, "occurredAt", "must be an ISO 8601 date-time such as 2026-11-20T10:15:00Z"],
      [{ id: "x".repeat(201) }, "id", "Too big: expected string to have <=200 characters"],
      [{ user: "a\u0000b" }, "user", "must not contain NUL characters or unpaired surrogates"],
      [{ tool: "" }, "tool", "must name the tool"],
    ];
    for (const [change, path, message] of cases) {
      const checked = checkUsageEvent({ ...plain, ...change });
      const schema = usageEventSchema.safeParse({ ...plain, ...change });
      expect(schema.success, path).toBe(false);
      expect(checked.ok, path).toBe(false);
      if (!checked.ok) expect(checked.errors.find((e) => e.path === path)?.message, path).toBe(schema.error?.issues.find((i) => i.path.join(".") === path)?.message);
      if (!checked.ok && path !== "id") expect(checked.errors.find((e) => e.path === path)?.message).toBe(message);
    }
  });

  it("takes whole seconds as plain too (API.md's form), and leaves dates that are not real to the schema", () => {
    const seconds = { ...plain, occurredAt: "2026-11-20T10:15:00Z" };
    const checked = checkUsageEvent(seconds);
    expect(checked.ok && checked.event).toBe(seconds);
    expect(usageEventSchema.parse(seconds)).toEqual(seconds);
    for (const occurredAt of ["2026-02-30T10:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T10:15:60Z"]) {
      const schema = usageEventSchema.safeParse({ ...plain, occurredAt });
      const verdict = checkUsageEvent({ ...plain, occurredAt });
      expect(verdict.ok, occurredAt).toBe(schema.success);
      if (!verdict.ok) expect(verdict.errors, occurredAt).toEqual(schema.error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    }
  });
});

describe("validateLine: every line of POST /api/v1/usage-events", () => {
  it("keeps a plain event as it is, gives others the schema's cleaned value, and rejects with the schema's field errors", () => {
    expect(validateLine(plain, 0)).toEqual({ ok: true, event: plain });
    expect(validateLine({ ...plain, tool: " claude-code " }, 1)).toEqual({ ok: true, event: plain });
    expect(validateLine({ ...plain, extra: "dropped" }, 2)).toEqual({ ok: true, event: plain });
    expect(validateLine({ ...plain, inputTokens: -1 }, 3)).toEqual({
      ok: false,
      rejected: { index: 3, id: plain.id, errors: [{ path: "inputTokens", message: "must be a non-negative integer" }] },
    });
  });
});
