// Cloud Billing export to BigQuery, standard usage cost table (gcp_billing_export_v1_<BILLING_ACCOUNT_ID>): one row
// per service, SKU, project and usage window, with service.description, sku.description, usage_start_time,
// project.id, cost, currency, usage { amount, unit, pricing_unit }, credits [{ name, amount }], labels.
// Read as newline-delimited JSON (BigQuery's JSON export) or a JSON array of rows, or as CSV whose headers are the
// schema's field paths (service.description, sku.description, usage_start_time, project.id, cost, currency,
// usage.amount, usage.unit). Only Gemini rows are kept (service Vertex AI / Gemini API / Generative Language API,
// or a SKU naming Gemini); the rest of the cloud bill is skipped and counted. The billed cost is cost plus credits
// (credits are negative), as Cloud Billing computes it.
import type { ParserOutput, ReportInput } from "./bucketed";
import { FieldReader, isObject, type Json } from "./read-input";
import type { RowError, SourceRow } from "./types";

const GEMINI_SERVICE = /gemini|vertex ai|generative language/i;

function readRow(r: FieldReader): SourceRow | null {
  const service = r.text("service.description");
  const sku = r.text("sku.description");
  if (!service && !sku) {
    r.fail("service.description", "is missing");
    return null;
  }
  if (!GEMINI_SERVICE.test(service) && !/gemini/i.test(sku)) return null;
  const day = r.day("usage_start_time");
  r.usd("currency", true);
  let cost = r.decimal("cost");
  r.array("credits").forEach((credit, i) => {
    if (!isObject(credit)) return r.fail(`credits[${i}]`, "must be an object");
    const amount = new FieldReader(credit, r.row, []).decimal("amount", false);
    if (amount === null) return r.fail(`credits[${i}].amount`, "must be a decimal number");
    if (cost !== null) cost += amount;
  });
  // Usage counts as tokens only when the export measures it in tokens; SKUs name input or output.
  const unit = `${r.text("usage.unit")} ${r.text("usage.pricing_unit")}`;
  const amount = /token/i.test(unit) ? r.decimal("usage.amount", false) : null;
  const tokens = amount === null || amount < 0n ? 0n : amount / 10n ** 10n;
  const output = /output/i.test(sku);
  const projectId = r.text("project.id");
  return {
    day,
    accountRef: projectId ? `project:${projectId}` : "",
    actorEmail: null,
    model: sku,
    inputTokens: output ? 0n : tokens,
    outputTokens: output ? tokens : 0n,
    cacheReadTokens: 0n,
    cacheWriteTokens: 0n,
    requests: null,
    costUsd: cost,
    costBilled: true,
  };
}

export function parseGoogleBilling(input: ReportInput): ParserOutput {
  const errors: RowError[] = [];
  const rows: SourceRow[] = [];
  let skipped = 0;
  const records: { row: string; value: unknown }[] =
    input.format === "csv" ? input.records.map(({ line, value }) => ({ row: `line ${line}`, value })) : input.values.map((value, i) => ({ row: `row ${i + 1}`, value }));
  for (const { row, value } of records) {
    if (!isObject(value)) {
      errors.push({ row, field: "(row)", message: "must be an object (one billing export row)" });
      continue;
    }
    const out = readRow(new FieldReader(value as Json, row, errors));
    if (out) rows.push(out);
    else skipped++;
  }
  return { rows, errors, skipped };
}
