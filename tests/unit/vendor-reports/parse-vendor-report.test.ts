import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { centsToDollars, formatUsd, parseDecimal } from "@/lib/vendor-reports/money";
import { parseVendorReport } from "@/lib/vendor-reports/parse-vendor-report";
import type { ParsedReport, ReportKind } from "@/lib/vendor-reports/types";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../fixtures/vendor-reports", name), "utf8");

function parsed(text: string, kind?: ReportKind): ParsedReport {
  const out = parseVendorReport(text, kind ? { kind } : {});
  if (!out.ok) throw new Error(`expected a report, got ${JSON.stringify(out.errors)}`);
  return out.report;
}
const plain = (r: ParsedReport) =>
  r.rows.map((row) => ({
    day: row.day,
    accountRef: row.accountRef,
    actorEmail: row.actorEmail,
    model: row.model,
    input: Number(row.inputTokens),
    output: Number(row.outputTokens),
    cacheRead: Number(row.cacheReadTokens),
    cacheWrite: Number(row.cacheWriteTokens),
    requests: row.requests,
    cost: row.costUsd === null ? null : formatUsd(row.costUsd),
    billed: row.costBilled,
  }));

describe("money", () => {
  it("parses decimals exactly, including exponents, and never goes through a float sum", () => {
    expect(formatUsd(parseDecimal("0.1")! + parseDecimal("0.2")!)).toBe("0.300000");
    expect(formatUsd(parseDecimal(0.06)!)).toBe("0.060000");
    expect(formatUsd(parseDecimal("1e-7")!)).toBe("0.000000");
    expect(formatUsd(parseDecimal("-2.5000005")!)).toBe("-2.500001");
    expect(formatUsd(centsToDollars(parseDecimal("123.45")!))).toBe("1.234500");
    expect(parseDecimal("twelve")).toBeNull();
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal(".")).toBeNull();
  });
});

describe("Anthropic messages usage report", () => {
  const expected = [
    { day: "2026-11-20", accountRef: "api_key:apikey_01Rj2N8SVvo6BePZj99NhmiT", actorEmail: null, model: "claude-sonnet-4-20250514", input: 128000, output: 23500, cacheRead: 30000, cacheWrite: 5000, requests: null, cost: null, billed: false },
    { day: "2026-11-21", accountRef: "api_key:apikey_01Rj2N8SVvo6BePZj99NhmiT", actorEmail: null, model: "claude-sonnet-4-20250514", input: 64000, output: 9000, cacheRead: 10000, cacheWrite: 2000, requests: null, cost: null, billed: false },
    { day: "2026-11-21", accountRef: "workspace:wrkspc_01Lab9Zn4Gq7HZxmUUsKM2Ve", actorEmail: null, model: "claude-opus-4-20250514", input: 5000, output: 700, cacheRead: 0, cacheWrite: 0, requests: null, cost: null, billed: false },
  ];

  it("reads pages one per line, adding up the results of one bucket (service tiers)", () => {
    const r = parsed(fixture("anthropic-messages-usage.pages.jsonl"));
    expect(r).toMatchObject({ kind: "anthropic_messages_usage", vendorSlug: "anthropic", format: "json", pages: 2, sourceCount: 4, periodStart: "2026-11-20", periodEnd: "2026-11-21" });
    expect(plain(r)).toEqual(expected);
  });

  it("reads the same pages back to back without newlines, and as a JSON array", () => {
    const lines = fixture("anthropic-messages-usage.pages.jsonl").trim().split("\n");
    expect(plain(parsed(lines.join("")))).toEqual(expected);
    expect(plain(parsed(`[${lines.join(",")}]`))).toEqual(expected);
  });

  it("reads the CSV with the API's field names to the same rows", () => {
    const r = parsed(fixture("anthropic-messages-usage.csv"));
    expect(r.format).toBe("csv");
    expect(plain(r)).toEqual(expected);
  });

  it("names the page, result and field that is wrong", () => {
    const lines = fixture("anthropic-messages-usage.pages.jsonl").trim().split("\n");
    const bad = lines[1].replace('"output_tokens":700', '"output_tokens":-3');
    const out = parseVendorReport(`${lines[0]}\n${bad}`);
    expect(out).toEqual({ ok: false, kind: "anthropic_messages_usage", errors: [{ row: "page 2, data[0].results[1]", field: "output_tokens", message: "must be a non-negative whole number, not -3" }] });
  });
});

describe("Anthropic cost report", () => {
  it("turns cents (decimal strings) into dollars and adds up the lines of a day, workspace and model", () => {
    const r = parsed(fixture("anthropic-cost-report.json"));
    expect(r.kind).toBe("anthropic_cost");
    expect(plain(r).map((x) => [x.day, x.accountRef, x.model, x.cost, x.billed])).toEqual([
      ["2026-11-20", "workspace:wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", "", "0.010000", true],
      ["2026-11-20", "workspace:wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", "claude-sonnet-4-20250514", "0.699000", true],
      ["2026-11-21", "workspace:wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", "claude-sonnet-4-20250514", "0.327000", true],
    ]);
  });

  it("refuses a non-USD amount, naming the field", () => {
    const text = fixture("anthropic-cost-report.json").replace('"currency": "USD", "amount": "19.2"', '"currency": "EUR", "amount": "19.2"');
    const out = parseVendorReport(text);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors).toEqual([{ row: "data[1].results[0]", field: "currency", message: expect.stringContaining("is EUR: only USD") }]);
  });
});

describe("Claude Code usage analytics", () => {
  const expected = [
    { day: "2026-11-20", accountRef: "", actorEmail: "engineer@example.com", model: "claude-3-5-haiku-20241022", input: 50000, output: 20000, cacheRead: 5000, cacheWrite: 2000, requests: null, cost: "2.100000", billed: false },
    { day: "2026-11-20", accountRef: "", actorEmail: "engineer@example.com", model: "claude-sonnet-4-20250514", input: 100000, output: 35000, cacheRead: 10000, cacheWrite: 5000, requests: null, cost: "10.250000", billed: false },
    { day: "2026-11-20", accountRef: "api_key_name:ci-bot", actorEmail: null, model: "claude-sonnet-4-20250514", input: 4000, output: 800, cacheRead: 0, cacheWrite: 0, requests: null, cost: "0.240000", billed: false },
    { day: "2026-11-21", accountRef: "", actorEmail: "manager@example.com", model: "claude-sonnet-4-20250514", input: 42000, output: 12000, cacheRead: 3000, cacheWrite: 1000, requests: null, cost: "3.185000", billed: false },
    { day: "2026-11-23", accountRef: "", actorEmail: "engineer@example.com", model: "claude-sonnet-4-20250514", input: 60000, output: 15000, cacheRead: 0, cacheWrite: 0, requests: null, cost: "4.050000", billed: false },
  ];

  it("reads a JSON array of pages: one row per actor, day and model, emails lower-cased, estimated cost from cents", () => {
    const r = parsed(fixture("anthropic-claude-code.pages.json"));
    expect(r).toMatchObject({ kind: "anthropic_claude_code", pages: 2, periodStart: "2026-11-20", periodEnd: "2026-11-23" });
    expect(plain(r)).toEqual(expected);
  });

  it("reads the flattened CSV to the same rows", () => {
    expect(plain(parsed(fixture("anthropic-claude-code.csv")))).toEqual(expected);
  });

  it("lists every bad field of a malformed file", () => {
    const out = parseVendorReport(fixture("anthropic-claude-code.malformed.json"));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors).toEqual([
      { row: "data[1].model_breakdown[0]", field: "estimated_cost.currency", message: expect.stringContaining("is EUR") },
      { row: "data[1].model_breakdown[0]", field: "tokens.input", message: 'must be a non-negative whole number, not "lots"' },
    ]);
  });

  it("refuses a user actor without an email", () => {
    const text = fixture("anthropic-claude-code.pages.json").replace('"email_address": "Manager@Example.com"', '"email_address": ""');
    const out = parseVendorReport(text);
    expect(!out.ok && out.errors).toEqual([{ row: "page 2, data[0]", field: "actor.email_address", message: expect.stringContaining("is missing") }]);
  });
});

describe("OpenAI usage and costs", () => {
  it("reads usage pages: cached input counted apart, requests kept, account by API key then project", () => {
    const r = parsed(fixture("openai-usage.pages.json"));
    expect(r.kind).toBe("openai_usage");
    const rows = plain(r);
    expect(rows).toEqual([
      { day: "2026-11-20", accountRef: "api_key:key_gw0001", actorEmail: null, model: "gpt-5-codex", input: 60000, output: 21000, cacheRead: 30000, cacheWrite: 0, requests: 140, cost: null, billed: false },
      { day: "2026-11-21", accountRef: "api_key:key_gw0001", actorEmail: null, model: "gpt-5-codex", input: 40000, output: 9000, cacheRead: 5000, cacheWrite: 0, requests: 60, cost: null, billed: false },
      { day: "2026-11-21", accountRef: "project:proj_xyz789", actorEmail: null, model: "gpt-4o-mini-2024-07-18", input: 1200, output: 300, cacheRead: 0, cacheWrite: 0, requests: 3, cost: null, billed: false },
    ]);
    expect(plain(parsed(fixture("openai-usage.csv")))).toEqual(rows);
  });

  it("reads costs in dollars (lower-case usd) as billed amounts, exactly", () => {
    const r = parsed(fixture("openai-costs.json"));
    expect(r.kind).toBe("openai_costs");
    expect(plain(r).map((x) => [x.day, x.model, x.cost, x.billed])).toEqual([
      ["2026-11-20", "gpt-5-codex, input", "0.112500", true],
      ["2026-11-20", "gpt-5-codex, output", "0.210000", true],
      ["2026-11-21", "gpt-5-codex, input", "0.060000", true],
      ["2026-11-21", "gpt-5-codex, output", "0.090000", true],
    ]);
  });

  it("names the line and field of each problem in a malformed CSV", () => {
    const out = parseVendorReport(fixture("openai-costs.malformed.csv"));
    expect(out).toEqual({
      ok: false,
      kind: "openai_costs",
      errors: [
        { row: "line 3", field: "amount.value", message: 'must be a decimal number, not "twelve"' },
        { row: "line 4", field: "start_time", message: 'must be a Unix time in seconds, not "yesterday"' },
        { row: "line 4", field: "amount.currency", message: expect.stringContaining("is eur") },
      ],
    });
  });
});

describe("Google Cloud billing export", () => {
  it("keeps Gemini rows only, adds credits to the cost, and counts tokens by SKU direction", () => {
    const r = parsed(fixture("google-billing.jsonl"));
    expect(r).toMatchObject({ kind: "google_billing", vendorSlug: "google", sourceCount: 3, skipped: 1 });
    expect(plain(r)).toEqual([
      { day: "2026-11-20", accountRef: "project:ml-sandbox-4412", actorEmail: null, model: "Gemini 2.5 Pro Input Tokens", input: 450000, output: 0, cacheRead: 0, cacheWrite: 0, requests: null, cost: "0.562500", billed: true },
      { day: "2026-11-20", accountRef: "project:ml-sandbox-4412", actorEmail: null, model: "Gemini 2.5 Pro Output Tokens", input: 0, output: 80000, cacheRead: 0, cacheWrite: 0, requests: null, cost: "0.700000", billed: true },
    ]);
  });

  it("reads the CSV with the schema's field paths as headers", () => {
    const r = parsed(fixture("google-billing.csv"));
    expect(plain(r).map((x) => [x.day, x.model, x.cost])).toEqual([
      ["2026-11-20", "Gemini 2.5 Pro Input Tokens", "0.437500"],
      ["2026-11-20", "Gemini 2.5 Pro Output Tokens", "0.700000"],
    ]);
  });

  it("counts usage as tokens only when the export measures it in tokens", () => {
    const text = fixture("google-billing.jsonl").replaceAll('"pricing_unit":"1 million tokens"', '"pricing_unit":"1 million characters"');
    const rows = plain(parsed(text));
    expect(rows.map((x) => [x.model, x.input, x.output])).toEqual([
      ["Gemini 2.5 Pro Input Tokens", 0, 0],
      ["Gemini 2.5 Pro Output Tokens", 0, 0],
    ]);
  });
});

describe("detection and file-level errors", () => {
  it("refuses what it does not recognise, an empty file, bad JSON and a kind from another vendor", () => {
    expect(parseVendorReport("")).toMatchObject({ ok: false, errors: [{ field: "(file)", message: "The file is empty." }] });
    expect(parseVendorReport("a,b\n1,2")).toMatchObject({ ok: false, kind: null, errors: [{ field: "kind" }] });
    expect(parseVendorReport('{"data": [1,')).toMatchObject({ ok: false, errors: [{ row: "line 1", field: "(file)", message: expect.stringContaining("Not valid JSON") }] });
    expect(parseVendorReport(fixture("openai-costs.json"), { vendor: "anthropic" })).toMatchObject({ ok: false, errors: [{ field: "vendor" }] });
    expect(parseVendorReport('{"data":[],"has_more":false,"next_page":null}', { kind: "anthropic_cost" })).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining("no usage rows") }] });
  });

  it("takes an explicit kind over detection", () => {
    const out = parseVendorReport(fixture("anthropic-cost-report.json"), { kind: "anthropic_messages_usage" });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0]).toMatchObject({ row: "data[0].results[0]", field: "uncached_input_tokens", message: "is missing" });
  });
});
