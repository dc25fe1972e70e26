import { readFileSync } from "node:fs";
import path from "node:path";
import { test, expect, signInAs } from "./fixtures";

// An admin imports a vendor's report in the portal, sees it listed and its accounts to map; a malformed file is
// refused with the row and field that are wrong; the same file again changes nothing.

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../tests/fixtures/vendor-reports", name), "utf8");

test("an admin uploads an OpenAI usage export, sees it listed, is refused a malformed file by row and field, and re-uploading changes nothing", async ({ page }) => {
  const stamp = Date.now();
  const project = `proj_e2e${stamp}`;
  const name = `openai-usage-${stamp}.csv`;
  // The fixture plus a line for a project of this run, so the file is new to the database every run.
  const usage = `${fixture("openai-usage.csv").trimEnd()}\n1795219200,1795305600,${project},,,gpt-5-codex,false,700,0,70,1\n`;
  await signInAs(page, "admin");
  await page.getByRole("navigation").getByRole("link", { name: "Vendor reports" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vendor reports");

  const file = page.getByLabel("Report file");
  await file.setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(usage) });
  await page.getByRole("button", { name: "Import report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported OpenAI completions usage, 2026-11-20 to 2026-11-21: 4 rows" })).toBeVisible();
  const reports = page.getByRole("table", { name: "Imported vendor reports" });
  await expect(reports.getByRole("row", { name: new RegExp(name) })).toContainText("OpenAI");
  await expect(page.getByRole("table", { name: "Vendor accounts seen in reports" }).getByRole("row", { name: new RegExp(`project:${project}`) })).toBeVisible();

  // A malformed file: the table names each row and field; nothing is imported.
  await file.setInputFiles({ name: "openai-costs.malformed.csv", mimeType: "text/csv", buffer: Buffer.from(fixture("openai-costs.malformed.csv")) });
  await page.getByRole("button", { name: "Import report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "3 problems in openai-costs.malformed.csv: nothing was imported." })).toBeVisible();
  const problems = page.getByRole("table", { name: /Problems to fix/ });
  await expect(problems.getByRole("row").nth(1)).toHaveText(/line 3\s*amount\.value\s*must be a decimal number, not "twelve"/);
  await expect(problems.getByRole("row").nth(3)).toHaveText(/line 4\s*amount\.currency\s*is eur: only USD/);

  // The first file again: already imported, nothing changed.
  await file.setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(usage) });
  await page.getByRole("button", { name: "Import report" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} was already imported` })).toBeVisible();
  await expect(reports.getByRole("row", { name: new RegExp(name) })).toHaveCount(1);
});
