import type { Page } from "@playwright/test";
import { test, expect, signInAs } from "./fixtures";

// Tampered ids in the URL: a request of engineer@ (in manager@'s org) opened by a manager of another org and
// by an engineer of another team reads as missing; the requester and their manager keep access. Ids are
// found through the UI, never the database.

/** Signs in through the demo directory as the first person matching `search` (name, email or title). */
async function signInAsSomeone(page: Page, search: string): Promise<string> {
  await page.goto("/signin");
  await page.getByRole("searchbox").fill(search);
  const option = page.locator("#person-select option").first();
  const label = (await option.textContent()) ?? "";
  await page.locator("#person-select").selectOption({ index: 0 });
  await page.getByRole("button", { name: "Sign in as selected person" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return label;
}

test("another org's manager and another team's engineer get 404 on engineer@'s request; the owner and their manager do not", async ({ page, context }) => {
  test.setTimeout(120_000);
  await signInAs(page, "engineer");
  await page.goto("/requests");
  const href = await page.locator('a[href^="/requests/"]').filter({ hasNotText: /new/i }).first().getAttribute("href");
  expect(href, "engineer@ has a request listed on /requests (seeded)").toMatch(/^\/requests\/[^/]+$/);
  const url = href!;
  expect((await page.goto(url))?.status()).toBe(200);

  await context.clearCookies();
  await signInAs(page, "manager");
  expect((await page.goto(url))?.status()).toBe(200);

  for (const outsider of ["Head of Security Engineering", "iOS Engineer"]) {
    await context.clearCookies();
    const who = await signInAsSomeone(page, outsider);
    expect(who).not.toMatch(/(engineer|manager)@example\.com/);
    for (const sub of [url, `${url}?done=approved`]) {
      expect((await page.goto(sub))?.status(), `${who} opening ${sub}`).toBe(404);
    }
    await expect(page.getByText("engineer@example.com")).toHaveCount(0);
    // The org report's CSV for engineer@'s team, asked for by name, holds nobody from it.
    const csv = await page.request.get("/api/reports/org/daily-rows?team=platform");
    if (csv.status() === 200) expect(await csv.text()).not.toContain("engineer@example.com");
    else expect(csv.status()).toBe(403);
  }
});
