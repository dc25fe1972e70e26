import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { MAX_VENDOR_REPORT_BYTES } from "@/lib/vendor-reports/limits";
import { callMachineApi } from "../../support/machine-api";
import { useTestDb } from "../../support/test-db";
import { createApiKey } from "../usage/gateway-fixture";
import { createVendorFixtures, vendorFixture } from "../vendor-reports/vendor-fixtures";

useTestDb();
let ingestKey: string;
let readOnlyKey: string;
let personalToken: string;

beforeAll(async () => {
  const f = await createVendorFixtures();
  ingestKey = (await createApiKey(["ingest"], "finance sync")).key;
  readOnlyKey = (await createApiKey(["read"])).key;
  const personal = await createApiKey(["ingest"], "laptop");
  await prisma.apiKey.update({ where: { id: personal.id }, data: { ownerId: f.engineer.id } });
  personalToken = personal.key;
});

function post(body: string | Uint8Array<ArrayBuffer>, { query = "", type = "application/json", key = ingestKey as string | null } = {}) {
  return callMachineApi(
    new Request(`http://localhost/api/v1/vendor-reports${query}`, {
      method: "POST",
      body,
      headers: { "content-type": type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    }),
  );
}

describe("POST /api/v1/vendor-reports", () => {
  it("imports a JSON report (201), then answers 200 for the same file, storing nothing more", async () => {
    const text = vendorFixture("anthropic-claude-code.pages.json");
    const res = await post(text, { query: "?fileName=claude-code-november.json" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: "imported", vendorSlug: "anthropic", kind: "anthropic_claude_code", format: "json", periodStart: "2026-11-20", periodEnd: "2026-11-23", rowCount: 5, created: 5, updated: 0, matchedPeople: 4 });
    const report = await prisma.vendorReport.findUniqueOrThrow({ where: { id: body.reportId } });
    expect(report.fileName).toBe("claude-code-november.json");
    expect(report.apiKeyId).not.toBeNull();

    const rows = await prisma.vendorUsageRow.count();
    const again = await post(text);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "already_imported", reportId: body.reportId, created: 0, updated: 0 });
    expect(await prisma.vendorUsageRow.count()).toBe(rows);
  });

  it("imports CSV with an explicit vendor and kind", async () => {
    const res = await post(vendorFixture("openai-usage.csv"), { type: "text/csv", query: "?vendor=openai&kind=openai_usage" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "openai_usage", format: "csv", rowCount: 3 });
  });

  it("answers 400 naming each row and field of a malformed file, and stores nothing", async () => {
    const before = await prisma.vendorReport.count();
    const res = await post(vendorFixture("openai-costs.malformed.csv"), { type: "text/csv" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "invalid_report",
        message: "The report has 3 problems; nothing was imported.",
        fields: [
          { path: "line 3: amount.value", message: 'must be a decimal number, not "twelve"' },
          { path: "line 4: start_time", message: 'must be a Unix time in seconds, not "yesterday"' },
          { path: "line 4: amount.currency", message: expect.stringContaining("only USD") },
        ],
      },
    });
    expect(await prisma.vendorReport.count()).toBe(before);
  });

  it("answers 400 for a bad query, a vendor that does not match the report, and a file that is no report", async () => {
    const badKind = await post(vendorFixture("openai-costs.json"), { query: "?kind=invoice" });
    expect(badKind.status).toBe(400);
    expect((await badKind.json()).error.fields[0].path).toBe("kind");
    const wrongVendor = await post(vendorFixture("openai-costs.json"), { query: "?vendor=google" });
    expect(wrongVendor.status).toBe(400);
    expect((await wrongVendor.json()).error.fields).toEqual([{ path: "(file): vendor", message: expect.stringContaining("comes from openai") }]);
    const notReport = await post('{"hello":"world"}');
    expect(notReport.status).toBe(400);
    expect((await notReport.json()).error.fields[0].path).toBe("(file): kind");
  });

  it("answers 401 without a key, 403 without the ingest scope and for a personal token", async () => {
    const text = vendorFixture("openai-costs.json");
    expect((await post(text, { key: null })).status).toBe(401);
    expect((await post(text, { key: "grk_unknown_key_value_000000" })).status).toBe(401);
    expect((await post(text, { key: readOnlyKey })).status).toBe(403);
    expect((await post(text, { key: personalToken })).status).toBe(403);
  });

  it("answers 413 over the size limit and stores nothing", async () => {
    const before = await prisma.vendorReport.count();
    const res = await post(new Uint8Array(MAX_VENDOR_REPORT_BYTES + 1).fill(0x20));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(await prisma.vendorReport.count()).toBe(before);
  });

  it("is documented in the OpenAPI document with its scope and answers", async () => {
    const res = await callMachineApi(new Request("http://localhost/api/v1/openapi.json"));
    const doc = await res.json();
    const op = doc.paths["/api/v1/vendor-reports"].post;
    expect(op.operationId).toBe("importVendorReport");
    expect(Object.keys(op.responses).sort()).toEqual(["200", "201", "400", "401", "403", "413", "429"]);
    expect(Object.keys(op.requestBody.content).sort()).toEqual(["application/json", "text/csv"]);
  });
});
