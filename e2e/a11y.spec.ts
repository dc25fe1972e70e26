import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, signInAs, type DemoRole } from "./fixtures";
import { ACCESS_MATRIX, routeFilesOnDisk, urlOfPage } from "../tests/security/access-matrix";

// Accessibility, checked automatically: every page the authorization matrix visits, as every demo account and
// anonymously, must have no serious or critical axe violation (WCAG 2.1 A and AA rules). Dark mode (the
// system setting) is checked for the admin, who reaches the most pages.

const urls = routeFilesOnDisk(path.resolve(import.meta.dirname, ".."))
  .filter((f) => f.endsWith("page.tsx"))
  .map((f) => {
    const entry = ACCESS_MATRIX[f];
    if (!entry || entry.kind !== "page") throw new Error(`${f} has no page entry in tests/security/access-matrix.ts`);
    return urlOfPage(f, entry.params, entry.searchParams);
  });

/** Structure does not change with the colour scheme: the dark-mode pass checks contrast only. */
async function seriousViolations(page: Page, rules?: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const url of urls) {
    await page.goto(url);
    // Whatever the page turned out to be (the page, 403, 404 or sign-in), it is checked once it has rendered.
    await expect(page.locator("main").first()).toBeVisible();
    // Legacy mode runs axe in the page itself, without opening a helper tab per analysis.
    const builder = new AxeBuilder({ page }).setLegacyMode(true);
    const result = await (rules ? builder.withRules(rules) : builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])).analyze();
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (bad.length) found[`${url} → ${new URL(page.url()).pathname}`] = bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  }
  return found;
}

for (const role of ["engineer", "manager", "legal", "admin"] as DemoRole[]) {
  test(`no serious or critical axe violation on any page as ${role}@example.com`, async ({ page }) => {
    test.setTimeout(300_000);
    await signInAs(page, role);
    expect(await seriousViolations(page)).toEqual({});
  });
}

test("no serious or critical axe violation for anonymous visitors", async ({ page }) => {
  test.setTimeout(300_000);
  expect(await seriousViolations(page)).toEqual({});
});

test.describe("dark mode", () => {
  test.use({ colorScheme: "dark" });
  test("no serious or critical axe violation on any page as admin@example.com", async ({ page }) => {
    test.setTimeout(300_000);
    await signInAs(page, "admin");
    expect(await seriousViolations(page, ["color-contrast"])).toEqual({});
  });
});
