import { navFor } from "../lib/navigation";
import type { Role } from "../lib/generated/prisma/enums";
import { test, expect, signInAs, type DemoRole } from "./fixtures";
import { headerRoles, statValue } from "./support/overview";

const ROLES: DemoRole[] = ["engineer", "manager", "legal", "admin"];

for (const role of ROLES) {
  test(`${role}: the sidebar shows exactly the entries of their roles, the current page marked`, async ({ page }) => {
    await signInAs(page, role);
    const roles = await headerRoles(page);
    expect(roles).toContain(role);
    const nav = page.getByRole("navigation", { name: "Main" });
    const labels = await nav.getByRole("link").allTextContents();
    expect(labels).toEqual(navFor(roles as Role[]).map((i) => i.label));
    await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  });
}

test("engineer: own usage this month against the cap, with real numbers that move with ingested usage", async ({ page, browser, request, apiHeaders }) => {
  await signInAs(page, "engineer");
  const panel = page.getByRole("region", { name: "Your usage and requests" });
  await expect(panel.getByRole("meter", { name: /token use this month/ })).toBeVisible();
  const cap = await statValue(panel, "External-tools cap");
  expect(cap).toBeGreaterThan(0);
  const before = await statValue(panel, "External tokens used");
  const inHouseBefore = await statValue(panel, "In-house tokens");

  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  await signInAs(managerPage, "manager");
  const org = managerPage.getByRole("region", { name: /Your org this month/ });
  expect(await statValue(org, "People")).toBeGreaterThan(0);
  const orgBefore = await statValue(org, "Tokens");

  const id = `e2e-shell-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await request.post("/api/v1/usage-events", {
    headers: apiHeaders,
    data: [{ id, occurredAt: new Date().toISOString(), user: "engineer@example.com", tool: "metacode", project: "internal-docs", activity: "documentation", inputTokens: 1234, outputTokens: 4321 }],
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).accepted).toBe(1);

  await page.reload();
  // In-house usage moves the in-house figure, never the external cap's.
  expect(await statValue(panel, "In-house tokens")).toBeGreaterThanOrEqual(inHouseBefore + 5555);
  expect(await statValue(panel, "External tokens used")).toBeLessThan(before + 5555);
  await managerPage.reload();
  expect(await statValue(org, "Tokens")).toBeGreaterThanOrEqual(orgBefore + 5555);
  await managerContext.close();
});

test("legal: the open queue count includes a violation just ingested", async ({ page, request, apiHeaders }) => {
  const id = `e2e-shell-v-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await request.post("/api/v1/usage-events", {
    headers: apiHeaders,
    data: [{ id, occurredAt: new Date().toISOString(), user: "engineer@example.com", tool: "claude-code", project: "llm-pretraining-data", activity: "training-data-generation", inputTokens: 10, outputTokens: 10 }],
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).outcomes.violation).toBe(1);
  await signInAs(page, "legal");
  const panel = page.getByRole("region", { name: "Legal review" });
  expect(await statValue(panel, "Open review items")).toBeGreaterThanOrEqual(1);
  expect(await statValue(panel, "Requests at legal stage")).toBeGreaterThanOrEqual(0);
});

test("admin: the catalog counts of the seed", async ({ page }) => {
  await signInAs(page, "admin");
  const panel = page.getByRole("region", { name: "Catalog" });
  expect(await statValue(panel, "Tools")).toBeGreaterThanOrEqual(5);
  expect(await statValue(panel, "Projects")).toBeGreaterThanOrEqual(6);
  expect(await statValue(panel, "Policy version")).toBeGreaterThanOrEqual(1);
  expect(await statValue(panel, "Active API keys")).toBeGreaterThanOrEqual(1);
  expect(await statValue(panel, "People")).toBeGreaterThanOrEqual(4);
});

test("engineer opening the audit log gets the 403 page, not a crash", async ({ page }) => {
  await signInAs(page, "engineer");
  const res = await page.goto("/admin/audit");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This page is not part of your role" })).toBeVisible();
  await page.getByRole("link", { name: "Back to your overview" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
});

test("admin: the audit log filters by action and verifies the chain", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status")).toContainText(/Chain intact: all \d+ entries verified\./);

  // The seed writes audit entries (policy version, API key), so there is an action to filter by.
  const actions = await page.getByLabel("Action").locator("option").allTextContents();
  expect(actions.length).toBeGreaterThan(1);
  await page.getByLabel("Action").selectOption(actions[1]);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`action=${encodeURIComponent(actions[1]).replace(/\./g, "\\.")}`));
  const cells = page.getByRole("table", { name: "Audit log entries" }).locator("tbody tr td:nth-child(4)");
  await expect(cells.first()).toBeVisible();
  for (const text of await cells.allTextContents()) expect(text).toBe(actions[1]);
});
