// GET /v1/organizations/usage_report/claude_code (Claude Code Analytics API): pages of per-day, per-actor records —
// date, actor { type: "user_actor", email_address } or { type: "api_actor", api_key_name }, core_metrics, and
// model_breakdown [{ model, tokens { input, output, cache_read, cache_creation }, estimated_cost { currency, amount } }]
// where amount is in the currency's lowest unit (cents). The cost is Anthropic's estimate, not a bill.
// As CSV: one line per actor, day and model: date, actor.type, actor.email_address, actor.api_key_name, model,
// tokens.input, tokens.output, tokens.cache_read, tokens.cache_creation, estimated_cost.currency, estimated_cost.amount.
import type { ParserOutput, ReportInput } from "./bucketed";
import { centsToDollars } from "./money";
import { FieldReader, isObject } from "./read-input";
import type { RowError, SourceRow } from "./types";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function actorOf(r: FieldReader): { actorEmail: string | null; accountRef: string } {
  const type = r.text("actor.type");
  if (type === "user_actor") {
    const email = r.text("actor.email_address").toLowerCase();
    if (!EMAIL.test(email)) r.fail("actor.email_address", email ? `is not an email address: ${email}` : "is missing (a user_actor names the person by email)");
    return { actorEmail: email || null, accountRef: "" };
  }
  if (type === "api_actor") {
    const name = r.text("actor.api_key_name");
    if (!name) r.fail("actor.api_key_name", "is missing (an api_actor names its API key)");
    return { actorEmail: null, accountRef: `api_key_name:${name}` };
  }
  r.fail("actor.type", type ? `must be user_actor or api_actor, not ${type}` : "is missing");
  return { actorEmail: null, accountRef: "" };
}

function modelRow(r: FieldReader, day: string, actor: ReturnType<typeof actorOf>): SourceRow {
  r.usd("estimated_cost.currency");
  const cents = r.decimal("estimated_cost.amount", false);
  return {
    day,
    ...actor,
    model: r.text("model"),
    inputTokens: r.count("tokens.input", true),
    outputTokens: r.count("tokens.output", true),
    cacheReadTokens: r.count("tokens.cache_read"),
    cacheWriteTokens: r.count("tokens.cache_creation"),
    requests: null,
    costUsd: cents === null ? null : centsToDollars(cents),
    costBilled: false,
  };
}

export function parseAnthropicClaudeCode(input: ReportInput): ParserOutput {
  const errors: RowError[] = [];
  const rows: SourceRow[] = [];
  let skipped = 0;
  if (input.format === "csv") {
    for (const { line, value } of input.records) {
      const r = new FieldReader(value, `line ${line}`, errors);
      rows.push(modelRow(r, r.day("date"), actorOf(r)));
    }
    return { rows, errors, skipped };
  }
  input.values.forEach((page, p) => {
    const where = input.values.length > 1 ? `page ${p + 1}, ` : "";
    if (!isObject(page) || !Array.isArray(page.data)) {
      errors.push({ row: `page ${p + 1}`, field: "data", message: "Each page must be an object with a data array (the API's response body)." });
      return;
    }
    page.data.forEach((record, i) => {
      const row = `${where}data[${i}]`;
      if (!isObject(record)) return void errors.push({ row, field: "(record)", message: "must be an object" });
      const r = new FieldReader(record, row, errors);
      const day = r.day("date");
      const actor = actorOf(r);
      const breakdown = r.array("model_breakdown");
      if (!breakdown.length) skipped++;
      breakdown.forEach((m, j) => {
        const at = `${row}.model_breakdown[${j}]`;
        if (!isObject(m)) return void errors.push({ row: at, field: "(model)", message: "must be an object" });
        rows.push(modelRow(new FieldReader(m, at, errors), day, actor));
      });
    });
  });
  return { rows, errors, skipped };
}
