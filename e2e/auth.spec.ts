import type { Page } from "@playwright/test";
import { buildOrg } from "../lib/seed/org-data";
import { test, expect, signInAs, DEMO_EMAIL } from "./fixtures";

/** Through the provider's own login form, on its own port. */
async function signInThroughSso(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test.describe("sign-in through the company OpenID provider", () => {
  test("a seeded person signs in through the real OIDC provider and lands on their overview", async ({ page }) => {
    await signInThroughSso(page, DEMO_EMAIL.engineer);
    await page.waitForURL(`${process.env.E2E_BASE_URL}/`);
    await expect(page.getByTestId("signed-in-person")).toContainText(DEMO_EMAIL.engineer);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello");
  });

  test("a person the directory does not know is refused with a page saying why", async ({ page }) => {
    await signInThroughSso(page, "stranger@elsewhere.test");
    await page.waitForURL(/\/signin\/denied/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are not in the Guardrail directory");
    await expect(page.getByText("stranger@elsewhere.test")).toBeVisible();
    // No session was created: the portal still sends them to sign-in.
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("a deactivated person is refused with a page saying the account is deactivated", async ({ page }) => {
    // The seed's org is generated deterministically: read who left from the same data, not from the database.
    const leaver = buildOrg().find((p) => !p.active);
    expect(leaver).toBeDefined();
    await signInThroughSso(page, leaver!.email);
    await page.waitForURL(/\/signin\/denied/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your Guardrail account is deactivated");
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
});

test.describe("session", () => {
  test("the portal requires sign-in", async ({ page }) => {
    await page.goto("/admin/audit");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "Sign in to Guardrail" })).toBeVisible();
  });

  test("the demo sign-in lists the four demo accounts with their roles first", async ({ page }) => {
    await page.goto("/signin");
    const accounts = page.getByRole("list", { name: "Demo accounts" }).getByRole("button");
    await expect(accounts).toHaveCount(4);
    for (const [i, role] of (["engineer", "manager", "legal", "admin"] as const).entries()) {
      await expect(accounts.nth(i)).toContainText(DEMO_EMAIL[role]);
      await expect(accounts.nth(i)).toContainText(role);
    }
    await expect(page.getByLabel("Person")).toBeVisible();
  });

  test("signing in as another seeded person through the searchable picker", async ({ page }) => {
    await page.goto("/signin");
    const options = page.getByLabel("Person").locator("option");
    const first = (await options.first().textContent()) ?? "";
    const email = first.split("·")[1].trim().split(" ")[0];
    await page.getByRole("searchbox", { name: /anyone else/ }).fill(email);
    await expect(options).toHaveCount(1);
    await page.getByLabel("Person").selectOption({ index: 0 });
    await page.getByRole("button", { name: "Sign in as selected person" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByTestId("signed-in-person")).toContainText(email);
  });

  test("sign-out ends the session", async ({ page }) => {
    await signInAs(page, "legal");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
});
