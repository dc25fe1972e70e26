import { test, expect, signInAs } from "./fixtures";

test("admin reads the API reference rendered from the OpenAPI document", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  const decisions = page.getByRole("region", { name: /POST \/api\/v1\/decisions/ });
  await expect(decisions.getByRole("table", { name: "POST /api/v1/decisions request body" })).toContainText("estimatedTokens");
  await expect(decisions).toContainText("scope: decide");
  await expect(page.getByRole("region", { name: /POST \/api\/v1\/usage-events/ })).toContainText("413");
});

test("admin sets a personal cap override and sees who is near their cap", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/caps");
  await expect(page.getByRole("heading", { name: "Token caps" })).toBeVisible();
  await expect(page.getByRole("table", { name: /People at 80% or more/ }).or(page.getByText("Nobody is near their cap this month"))).toBeVisible();

  const add = page.getByRole("form", { name: "Add a user cap" });
  await add.getByLabel("Person (email or employee id)").fill("nobody-at-all@example.com");
  await add.getByLabel("Monthly tokens").fill("123");
  await add.getByRole("button", { name: "Add override" }).click();
  await expect(add.getByText("No person with that email or employee id.").first()).toBeVisible();
  await expect(add.getByLabel("Person (email or employee id)")).toHaveValue("nobody-at-all@example.com");

  await add.getByLabel("Person (email or employee id)").fill("zoe.larsen@example.com");
  await add.getByLabel("Monthly tokens").fill("77000000");
  await add.getByRole("button", { name: "Add override" }).click();
  await expect(page.getByText(/Cap for zoe.larsen@example.com saved: 77,000,000 tokens a month/)).toBeVisible();
  await expect(page.getByRole("form", { name: "Cap for Zoe Larsen" }).getByLabel("Monthly tokens for Zoe Larsen")).toHaveValue("77000000");
});
