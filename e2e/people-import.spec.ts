import type { Browser, Page } from "@playwright/test";
import { test, expect, signInAs, DEMO_EMAIL } from "./fixtures";

// The admin's onboarding journey: import people from a CSV with a bad row, fix it, apply; the new person signs in
// through the company's OpenID provider; the admin deactivates them and the gateway's next decision says so.

const csv = (rows: string[]) => ({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(["email,name,team,manager email,roles", ...rows].join("\n")) });

async function signInThroughSso(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return page;
}

test("an admin imports people from a CSV, fixes a bad row, applies; the new person signs in; deactivated, their next decision is user_inactive", async ({ page, browser, request, apiHeaders }) => {
  const stamp = Date.now();
  const hire = `new.hire.${stamp}@example.com`;
  const second = `second.hire.${stamp}@example.com`;
  await signInAs(page, "admin");
  await page.goto("/people");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import people");

  // A file with one bad row: the dry run names the row and the field, and nothing is imported.
  const file = page.getByLabel("CSV file");
  await file.setInputFiles(csv([`${hire},New Hire,Platform,${DEMO_EMAIL.manager},engineer`, `${second},Second Hire,platform,${DEMO_EMAIL.manager},wizard`]));
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 problem in people.csv" })).toBeVisible();
  const problems = page.getByRole("table", { name: "Problems to fix" });
  await expect(problems.getByRole("row").nth(1)).toHaveText(/^3\s*roles\s*Unknown role "wizard"/);
  await expect(page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);

  // Fixed and uploaded again: the dry run lists two people to create; applying imports them.
  await file.setInputFiles(csv([`${hire},New Hire,Platform,${DEMO_EMAIL.manager},engineer`, `${second},Second Hire,platform,${DEMO_EMAIL.manager},engineer`]));
  await page.getByRole("button", { name: "Check file (dry run)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dry run: 2 to create, 0 to update, 0 unchanged" })).toBeVisible();
  await expect(page.getByRole("table", { name: /What the import would do/ }).getByRole("row", { name: new RegExp(hire.replace(/\./g, "\\.")) })).toContainText("create");
  await page.getByRole("button", { name: "Apply 2 changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported: 2 created, 0 updated, 0 unchanged." })).toBeVisible();

  // The new person signs in through OIDC and sees their own overview.
  const newcomer = await signInThroughSso(browser, hire);
  await expect(newcomer.getByTestId("signed-in-person")).toContainText(hire);
  await expect(newcomer.getByRole("heading", { level: 1 })).toContainText("Hello");

  // The admin finds them and deactivates them.
  await page.goto(`/people?q=${encodeURIComponent(hire)}`);
  await page.getByRole("link", { name: "New Hire" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New Hire");
  await expect(page.getByText("CSV import")).toBeVisible();
  await page.getByRole("button", { name: "Deactivate New Hire" }).click();
  await expect(page.getByRole("status").filter({ hasText: "New Hire is deactivated" })).toBeVisible();

  // The gateway's next decision for them fails closed, and their session is over.
  const decision = await request.post("/api/v1/decisions", { headers: apiHeaders, data: { user: hire, tool: "claude-code", activity: "documentation", project: "infra-ci" } });
  expect(decision.status()).toBe(200);
  expect(await decision.json()).toMatchObject({ decision: "deny", reasons: [{ code: "user_inactive" }] });
  await newcomer.reload();
  await expect(newcomer).toHaveURL(/\/signin/);
  await newcomer.context().close();
});

test("a manager sees their own org in People, read-only, and nobody outside it", async ({ page }) => {
  await signInAs(page, "manager");
  await page.getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People");
  await expect(page.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Search" }).fill(DEMO_EMAIL.engineer);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByRole("link", { name: "Alex Kim" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alex Kim");
  await expect(page.getByRole("button", { name: /Deactivate|Save/ })).toHaveCount(0);
  // legal@ is outside the manager's org: the list does not show them
  await page.goto(`/people?q=${encodeURIComponent(DEMO_EMAIL.legal)}&status=all`);
  await expect(page.getByText("Nobody matches these filters")).toBeVisible();
});
