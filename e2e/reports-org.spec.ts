import { readFile } from "node:fs/promises";
import { test, expect, signInAs } from "./fixtures";

const asNumber = (s: string) => Number(s.replace(/,/g, ""));

test("manager: changes range and team in the URL, downloads a CSV that matches the table", async ({ page }) => {
  await signInAs(page, "manager");
  await page.goto("/reports/org");
  await expect(page.getByRole("heading", { name: "Org usage report" })).toBeVisible();

  const filters = page.getByRole("form", { name: "Report filters" });
  await filters.getByLabel("Range").selectOption("30");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=30/);
  await expect(filters.getByLabel("Range")).toHaveValue("30");

  const teamSelect = filters.getByLabel("Team");
  const teams = await teamSelect.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(teams.length).toBeGreaterThan(0);
  await teamSelect.selectOption(teams[0]);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`team=${teams[0]}`));
  await expect(page).toHaveURL(/range=30/);

  // back to the whole org: the link is shareable, so loading it fresh shows the same state. The range ends two days
  // ago, so usage that other journeys ingest meanwhile (dated now) cannot change the table between reading it and
  // downloading its CSV.
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/reports/org?range=custom&from=${day(91)}&to=${day(2)}`);
  await expect(filters.getByLabel("Range")).toHaveValue("custom");
  const panel = page.getByRole("region", { name: "Top people" });
  const rows = panel.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  const table = await rows.evaluateAll((trs) => trs.slice(1).map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent?.trim() ?? "")));

  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("link", { name: /Download Top people as CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^org-top-people-.*\.csv$/);
  const csv = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
  expect(csv[0]).toBe("Person,Email,Tokens,Spend (USD),Events,Violations");
  const body = csv.slice(1).map((l) => l.split(","));
  expect(body.length).toBe(table.length);
  for (const [i, cells] of table.entries()) {
    expect(body[i][1]).toBe(cells[1]);
    expect(Number(body[i][2])).toBe(asNumber(cells[2]));
    expect(Number(body[i][3])).toBe(asNumber(cells[3]));
  }
});

test("manager: the org report's charts render (bars and areas) and a screenshot is attached", async ({ page }, testInfo) => {
  await signInAs(page, "manager");
  await page.goto("/reports/org?range=90&grain=week");
  const tokens = page.getByRole("region", { name: "Tokens by tool" });
  await expect(tokens.locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  const share = page.getByRole("region", { name: "In-house versus external tokens" });
  await expect(share.locator("svg .recharts-area-area").first()).toBeVisible();
  await testInfo.attach("org-report", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});

test("engineer: the org report is forbidden and its CSV refused", async ({ page }) => {
  await signInAs(page, "engineer");
  const res = await page.goto("/reports/org");
  expect(res?.status()).toBe(403);
  const csv = await page.request.get("/api/reports/org/top-people");
  expect(csv.status()).toBe(403);
});
