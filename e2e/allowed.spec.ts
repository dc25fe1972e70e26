import { test, expect, signInAs } from "./fixtures";

test.describe("What's allowed", () => {
  test("engineer asks about codex for product code on ads-ranking: needs an exception, with the clause and a link to file one", async ({ page }) => {
    await signInAs(page, "engineer");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "What's allowed" }).click();
    await expect(page.getByRole("heading", { name: "What's allowed", level: 1 })).toBeVisible();

    const ask = page.getByRole("form", { name: "Can I use" });
    await ask.getByLabel("Tool").selectOption("codex");
    await ask.getByLabel("Activity").selectOption("product-code");
    await ask.getByLabel("Project").selectOption("ads-ranking");
    await ask.getByRole("button", { name: "Ask" }).click();

    await expect(page).toHaveURL(/tool=codex&activity=product-code&project=ads-ranking/);
    const answer = page.getByRole("region", { name: /Only with an approved exception: Codex for product code on Ads ranking/ });
    await expect(answer).toBeVisible();
    await expect(answer.getByText("Needs exception")).toBeVisible();
    await expect(answer.getByText(/^OpenAI /).first()).toBeVisible();
    await expect(answer.getByRole("link", { name: "Request an exception" })).toHaveAttribute("href", "/requests/new?tool=codex&activity=product-code&project=ads-ranking");
    // the matrix follows the project asked about
    await expect(page.getByLabel("Codex for Product code: Needs exception")).toBeVisible();
  });

  test("engineer asks about training-data generation with codex: prohibited, with the in-house tool suggested", async ({ page }) => {
    await signInAs(page, "engineer");
    await page.goto("/allowed?tool=codex&activity=training-data-generation");
    const answer = page.getByRole("region", { name: /^No: Codex for training-data generation/ });
    await expect(answer.getByText("Prohibited", { exact: true })).toBeVisible();
    await expect(answer.getByText(/Use the in-house assistant instead: MetaCode/)).toBeVisible();
    await expect(answer.getByRole("link", { name: "Request an exception" })).toHaveCount(0);

    await answer.getByRole("link", { name: "Check MetaCode" }).click();
    await expect(page.getByRole("region", { name: /^Yes: MetaCode for training-data generation/ })).toBeVisible();
  });

  test("the matrix filters by project and opens a cell to its clause", async ({ page }) => {
    await signInAs(page, "engineer");
    await page.goto("/allowed");
    const filter = page.getByRole("form", { name: "Filter the matrix" });
    await filter.getByLabel("Project").selectOption("llm-pretraining-data");
    await filter.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/project=llm-pretraining-data/);
    const cell = page.getByLabel("Claude Code for Documentation: Prohibited: training data");
    await cell.click();
    const opened = page.locator("details[open]", { has: cell });
    await expect(opened.getByText(/No external AI tool may touch it/)).toBeVisible();
    await expect(opened.getByText(/^Anthropic /)).toBeVisible();
    await expect(page.getByLabel("MetaCode for Documentation: Allowed")).toBeVisible();
  });
});
