import { test as base, expect, type Page } from "@playwright/test";
import { E2E_SEED_API_KEY } from "./support/e2e-env";

export type DemoRole = "engineer" | "manager" | "legal" | "admin";

/** The seeded demo accounts: engineer@ reports to manager@. */
export const DEMO_EMAIL: Record<DemoRole, string> = {
  engineer: "engineer@example.com",
  manager: "manager@example.com",
  legal: "legal@example.com",
  admin: "admin@example.com",
};

/** The seed's API key (scopes ingest, decide, read): create data through /api/v1, never by opening the database. */
export const SEED_API_KEY = E2E_SEED_API_KEY;

/** Signs in through the demo sign-in as one of the four demo accounts and waits for the overview. */
export async function signInAs(page: Page, role: DemoRole): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("list", { name: "Demo accounts" }).getByRole("button", { name: new RegExp(DEMO_EMAIL[role].replace(".", "\\.")) }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("signed-in-person")).toContainText(DEMO_EMAIL[role]);
}

export const test = base.extend<{ apiHeaders: Record<string, string> }>({
  apiHeaders: async ({}, provide) => {
    await provide({ Authorization: `Bearer ${SEED_API_KEY}`, "Content-Type": "application/json" });
  },
});

export { expect };
