import type { Locator, Page } from "@playwright/test";

/** The exact number behind a headline figure on the overview (Stat renders <data value>). */
export async function statValue(scope: Page | Locator, labelPrefix: string): Promise<number> {
  const value = await scope.locator(`[data-stat^="${labelPrefix}"] data`).first().getAttribute("value");
  if (value === null) throw new Error(`No figure labelled "${labelPrefix}"`);
  return Number(value);
}

/** Reads the roles the header lists for the signed-in person. */
export async function headerRoles(page: Page): Promise<string[]> {
  return (await page.getByRole("list", { name: "Your roles" }).getByRole("listitem").allTextContents()).map((r) => r.trim());
}
