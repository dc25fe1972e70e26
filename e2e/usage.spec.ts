import { test, expect, signInAs } from "./fixtures";

test("engineer: sees their cap bar, forecast, tables by tool and project, and grants", async ({ page }, testInfo) => {
  await signInAs(page, "engineer");
  await page.goto("/usage");
  await expect(page.getByRole("heading", { name: "My usage" })).toBeVisible();
  const meter = page.getByRole("meter", { name: /External-tool tokens used of your \d{4}-\d{2} cap/ });
  await expect(meter).toBeVisible();
  expect(Number(await meter.getAttribute("aria-valuemax"))).toBeGreaterThan(0);
  await expect(page.getByText("Forecast at current pace")).toBeVisible();

  const byTool = page.getByRole("region", { name: /^By tool,/ });
  await expect(byTool.getByRole("columnheader", { name: /Tokens/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /^By project,/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your tool approvals (grants)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Request an exception" }).first()).toHaveAttribute("href", "/requests/new");
  await testInfo.attach("my-usage", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});
