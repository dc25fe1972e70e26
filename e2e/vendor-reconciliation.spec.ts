import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect, signInAs, type DemoRole } from "./fixtures";

// An admin uploads the vendor's Claude Code analytics report (the documented fixture, its dates moved 200 days back
// so that no seeded usage or earlier import covers them), sees on the reconciliation page that Guardrail missed Alex
// Kim's usage that day, and legal finds the "Usage not seen by Guardrail" item with the vendor rows as evidence.

const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The fixture with every date moved by the same number of days so that its last date is `lastDay`. */
function fixtureEndingOn(lastDay: string): { text: string; firstDay: string } {
  const text = readFileSync(path.join(import.meta.dirname, "../tests/fixtures/vendor-reports/anthropic-claude-code.pages.json"), "utf8");
  const dates = [...text.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]).sort();
  const shift = Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${dates[dates.length - 1]}T00:00:00Z`);
  const move = (d: string) => iso(Date.parse(`${d}T00:00:00Z`) + shift);
  return { text: text.replace(/\d{4}-\d{2}-\d{2}/g, move), firstDay: move(dates[0]) };
}

async function as(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

test("an admin imports a vendor report, sees the gap, and legal finds the review item with the vendor rows", async ({ browser }) => {
  test.setTimeout(120_000);
  const lastDay = iso(Date.now() - 200 * DAY_MS);
  const { text, firstDay } = fixtureEndingOn(lastDay);

  const admin = await as(browser, "admin");
  await admin.goto("/admin/vendor-reports");
  const upload = admin.getByRole("form", { name: "Upload a vendor report" });
  await upload.getByLabel("Report file").setInputFiles({ name: "claude-code-analytics.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await upload.getByRole("button", { name: "Import report" }).click();
  await expect(upload.getByText(/Imported Claude Code usage analytics/)).toBeVisible();

  // On the first day the vendor reports 227,000 tokens for Alex Kim (input, output, cache read and write of two
  // models); Guardrail saw none that UTC day.
  await admin.goto(`/reports/reconciliation?vendor=anthropic&from=${firstDay}&to=${lastDay}`);
  const table = admin.getByRole("table", { name: "Largest differences between vendor reports and Guardrail" });
  const row = table.getByRole("row").filter({ hasText: "Alex Kim (engineer@example.com)" }).filter({ hasText: firstDay });
  await expect(row).toContainText("227,000");
  await expect(row.getByRole("link", { name: "Review item" })).toBeVisible();
  await expect(admin.getByRole("img", { name: /Tokens the vendors reported beyond what Guardrail saw/ })).toBeVisible();

  const legal = await as(browser, "legal");
  await legal.goto("/review?type=unseen_usage&pageSize=200");
  const title = `Usage not seen by Guardrail: Anthropic reports 227,000 more tokens than Guardrail saw for Alex Kim (engineer@example.com) on ${firstDay}`;
  await legal.getByRole("link", { name: new RegExp(title.replace(/[()]/g, "\\$&")) }).first().click();
  await expect(legal.getByRole("heading", { name: title })).toBeVisible();
  await expect(legal.getByText("Usage not seen by Guardrail", { exact: true })).toBeVisible();
  const evidence = legal.getByRole("table", { name: "Vendor rows: evidence of usage not seen by Guardrail" });
  await expect(evidence.getByRole("row").filter({ hasText: "claude-sonnet-4-20250514" })).toContainText("100,000");
  await expect(evidence.getByRole("row").filter({ hasText: "claude-3-5-haiku-20241022" })).toContainText("50,000");
});
