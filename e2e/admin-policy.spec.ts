import { test, expect, signInAs } from "./fixtures";

test.describe("Admin: catalog and policy rules", () => {
  test("an admin blocks a tool, the matrix shows it blocked, and the admin restores it", async ({ page }) => {
    await signInAs(page, "admin");
    const setStatus = async (status: "blocked" | "approved") => {
      await page.goto("/admin/catalog");
      await page.getByLabel("Status of GitHub Copilot").selectOption(status);
      await page.getByRole("button", { name: "Save GitHub Copilot" }).click();
      await expect(page.getByText(`GitHub Copilot saved: ${status}.`)).toBeVisible();
    };
    await setStatus("blocked");
    try {
      await page.goto("/allowed");
      await expect(page.getByLabel("GitHub Copilot for Documentation: Blocked")).toBeVisible();
      await expect(page.getByLabel("Codex for Documentation: Allowed")).toBeVisible();
    } finally {
      await setStatus("approved");
    }
    await page.goto("/allowed");
    await expect(page.getByLabel("GitHub Copilot for Documentation: Allowed")).toBeVisible();
  });

  test("a price that is not a number is refused with a field error and the typed value stays", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/catalog");
    const price = page.getByLabel("Input price of MetaCode, USD per million tokens");
    await price.fill("cheap");
    await page.getByRole("button", { name: "Save MetaCode" }).click();
    await expect(page.getByText(/Use a non-negative number/)).toBeVisible();
    await expect(price).toHaveValue("cheap");
  });

  test("an admin saves a rule change and a new policy version appears; the old one stays readable", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/policy");
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    const current = Number(heading?.match(/version (\d+)/)?.[1]);
    expect(current).toBeGreaterThan(0);

    const rules = page.getByRole("form", { name: "Edit policy rules" });
    const last = rules.getByRole("listitem").last();
    const message = last.getByLabel("Message people see");
    await message.fill("");
    await rules.getByRole("button", { name: `Save as version ${current + 1}` }).click();
    await expect(last.getByText("Write the message people see (at least 5 characters).")).toBeVisible();

    const text = `MetaCode may do everything (e2e ${Date.now()}).`;
    await message.fill(text);
    await page.getByLabel("Note for the change log").fill("e2e: reword the in-house rule");
    await rules.getByRole("button", { name: `Save as version ${current + 1}` }).click();

    await expect(page.getByRole("heading", { name: `Policy version ${current + 1}`, level: 1 })).toBeVisible();
    await expect(page.getByText(`Saved as policy version ${current + 1}.`)).toBeVisible();
    await expect(page.getByRole("cell", { name: text })).toBeVisible();

    await page.goto(`/admin/policy/versions/${current}`);
    await expect(page.getByRole("heading", { name: `Policy version ${current}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("cell", { name: text })).toHaveCount(0);
  });

  test("an engineer cannot open the policy admin", async ({ page }) => {
    await signInAs(page, "engineer");
    const res = await page.goto("/admin/policy");
    expect(res?.status()).toBe(403);
  });
});
