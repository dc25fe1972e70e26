import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext } from "@playwright/test";
import { test as base, expect, signInAs, type DemoRole } from "./fixtures";
import { ACCESS_MATRIX, routeFilesOnDisk, urlOfPage } from "../tests/security/access-matrix";

// Accessibility, checked automatically: every page the authorization matrix visits, as every demo account and
// anonymously, must have no serious or critical axe violation (WCAG 2.1 A and AA rules). Dark mode (the
// system setting) is checked for the admin, who reaches the most pages.
//
// One test per page and account, so each page has the normal test budget whatever the number of pages, and the
// file's tests spread over the workers. Each account signs in once per worker; its tests reuse that session.

const urls = routeFilesOnDisk(path.resolve(import.meta.dirname, ".."))
  .filter((f) => f.endsWith("page.tsx"))
  .map((f) => {
    const entry = ACCESS_MATRIX[f];
    if (!entry || entry.kind !== "page") throw new Error(`${f} has no page entry in tests/security/access-matrix.ts`);
    return urlOfPage(f, entry.params, entry.searchParams);
  });

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const test = base.extend<{ account: DemoRole | null }, { sessionOf: (role: DemoRole) => Promise<StorageState> }>({
  account: [null, { option: true }],
  sessionOf: [
    async ({ browser }, provide) => {
      const sessions = new Map<DemoRole, Promise<StorageState>>();
      await provide((role) => {
        if (!sessions.has(role))
          sessions.set(
            role,
            (async () => {
              const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
              try {
                await signInAs(await context.newPage(), role);
                return await context.storageState();
              } finally {
                await context.close();
              }
            })(),
          );
        return sessions.get(role)!;
      });
    },
    { scope: "worker" },
  ],
  storageState: async ({ account, sessionOf, storageState }, provide) => {
    await provide(account ? await sessionOf(account) : storageState);
  },
});

test.describe.configure({ mode: "parallel" });

/** Structure does not change with the colour scheme: the dark-mode pass checks contrast only. */
function checkEveryPage(rules?: string[]) {
  for (const url of urls) {
    test(url, async ({ page }) => {
      await page.goto(url);
      // Whatever the page turned out to be (the page, 403, 404 or sign-in), it is checked once it has rendered.
      await expect(page.locator("main").first()).toBeVisible();
      // Colours are checked at rest. A submit button is disabled until the page hydrates, then its colour eases to
      // the enabled one (`transition-colors`); axe skips disabled controls, but one caught mid-transition has a
      // colour nobody sees for long, and failed the contrast rule now and then.
      await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; animation: none !important; }" });
      // Legacy mode runs axe in the page itself, without opening a helper tab per analysis.
      const builder = new AxeBuilder({ page }).setLegacyMode(true);
      const result = await (rules ? builder.withRules(rules) : builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])).analyze();
      const serious = result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
      expect(serious, `serious or critical axe violations on ${url} → ${new URL(page.url()).pathname}`).toEqual([]);
    });
  }
}

for (const role of ["engineer", "manager", "legal", "admin"] as DemoRole[]) {
  test.describe(`no serious or critical axe violation as ${role}@example.com`, () => {
    test.use({ account: role });
    checkEveryPage();
  });
}

test.describe("no serious or critical axe violation for anonymous visitors", () => {
  checkEveryPage();
});

test.describe("dark mode: no serious or critical axe violation as admin@example.com", () => {
  test.use({ account: "admin", colorScheme: "dark" });
  checkEveryPage(["color-contrast"]);
});
