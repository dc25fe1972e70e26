import { test, expect, signInAs } from "./fixtures";

test("an admin adds a vendor and its tool, the gateway can use it, and archiving it denies it as tool_blocked", async ({ page, request, apiHeaders }) => {
  const stamp = Date.now().toString(36);
  const slug = `tool-${stamp}`;
  await signInAs(page, "admin");
  await page.goto("/admin/catalog");

  const vendor = page.getByRole("form", { name: "Add a vendor" });
  await vendor.getByRole("textbox", { name: "Slug" }).fill(`vendor-${stamp}`);
  await vendor.getByRole("textbox", { name: "Name" }).fill(`Vendor ${stamp}`);
  await vendor.getByRole("button", { name: "Add vendor" }).click();
  await expect(vendor.getByRole("status")).toHaveText(`Vendor Vendor ${stamp} added.`);

  const tool = page.getByRole("form", { name: "Add a tool" });
  await tool.getByRole("textbox", { name: "Slug" }).fill(slug);
  await tool.getByRole("textbox", { name: "Name" }).fill(`Tool ${stamp}`);
  await tool.getByRole("combobox", { name: "Vendor" }).selectOption({ label: `Vendor ${stamp}` });
  await tool.getByRole("textbox", { name: "Input USD / M tokens" }).fill("abc");
  await tool.getByRole("button", { name: "Add tool" }).click();
  // a bad price is a field error and what was typed stays
  await expect(tool.getByText("Use a non-negative number with at most 4 decimals, e.g. 3 or 2.5.")).toBeVisible();
  await expect(tool.getByRole("textbox", { name: "Name" })).toHaveValue(`Tool ${stamp}`);
  await tool.getByRole("textbox", { name: "Input USD / M tokens" }).fill("2.5");
  await tool.getByRole("button", { name: "Add tool" }).click();
  await expect(tool.getByRole("status")).toHaveText(`Tool Tool ${stamp} added (approved).`);

  const ask = async () =>
    (await request.post("/api/v1/decisions", { headers: apiHeaders, data: { user: "engineer@example.com", tool: slug, activity: "documentation", project: "infra-ci" } })).json();
  expect(await ask()).toMatchObject({ decision: "allow" });

  await page.getByRole("button", { name: `Archive Tool ${stamp}` }).click();
  await expect(page.getByRole("button", { name: `Restore Tool ${stamp}` })).toBeVisible();
  expect(await ask()).toMatchObject({ decision: "deny", reasons: [{ code: "tool_blocked" }] });
});
