import { test, expect, signInAs } from "./fixtures";

// An admin creates a key in the UI, copies the value shown once, a gateway decides with it; revoking it gives 401.
test("admin creates an API key, uses it for a decision, and revokes it", async ({ page, request }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  const name = `e2e gateway ${Date.now()}`;
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: /decide/ }).check();
  await form.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByTestId("new-api-key");
  await expect(shown).toBeVisible();
  const key = (await shown.textContent())?.trim() ?? "";
  expect(key).toMatch(/^grk_/);

  const decision = await request.post("/api/v1/decisions", {
    headers: { Authorization: `Bearer ${key}` },
    data: { user: "engineer@example.com", tool: "claude-code", activity: "product-code", project: "ads-ranking" },
  });
  expect(decision.status()).toBe(200);
  const body = await decision.json();
  expect(["allow", "require_exception"]).toContain(body.decision);
  if (body.decision === "require_exception") expect(body.requestUrl).toContain("/requests/new?tool=claude-code&activity=product-code&project=ads-ranking");

  // The list shows the key by its prefix with its last use, never the value.
  const row = page.getByRole("row", { name: new RegExp(name) });
  await page.reload();
  await expect(row).toContainText(key.slice(0, 10));
  await expect(page.getByText(key)).toHaveCount(0);

  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");

  const after = await request.post("/api/v1/decisions", {
    headers: { Authorization: `Bearer ${key}` },
    data: { user: "engineer@example.com", tool: "claude-code", activity: "test-infrastructure" },
  });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthorized");
});
