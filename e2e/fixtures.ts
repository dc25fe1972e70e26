import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
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

// Chromium reports a blocked resource or script as a console error ("Refused to …", "… Content Security Policy …");
// the init script also turns every securitypolicyviolation event into such an error.
const CSP_MESSAGE = /Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate|run)/i;

export const test = base.extend<{ apiHeaders: Record<string, string>; cspGuard: void }>({
  apiHeaders: async ({}, provide) => {
    await provide({ Authorization: `Bearer ${SEED_API_KEY}`, "Content-Type": "application/json" });
  },
  // Every journey fails on a Content-Security-Policy violation in any page it opened, including pages of
  // contexts the test makes itself with browser.newContext().
  cspGuard: [
    async ({ context, browser }, provide) => {
      const violations: string[] = [];
      const watch = async (ctx: BrowserContext) => {
        ctx.on("console", (msg) => {
          if (msg.type() === "error" && CSP_MESSAGE.test(msg.text())) violations.push(`${msg.location().url}: ${msg.text()}`);
        });
        await ctx.addInitScript(() =>
          document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`)),
        );
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const ctx = await newContext(...args);
        await watch(ctx);
        return ctx;
      };
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
