import { test, expect, signInAs } from "./fixtures";

// Legal publishes a new version of GitHub's terms with an edited clause that the seeded Copilot grant
// (ads-ranking, product code) relied on, and sees the re-review items that opens.
test("legal publishes a new terms version and re-review items appear", async ({ page }) => {
  await signInAs(page, "legal");
  await page.goto("/clauses");
  const github = page.getByRole("region", { name: /^GitHub/ });
  await github.getByRole("link", { name: "Add a new version" }).click();

  const form = page.getByRole("form", { name: /New terms version for GitHub/ });
  const version = `e2e-${Date.now()}`;
  await form.getByLabel("Version", { exact: true }).fill(version);
  await form.getByLabel("Effective date").fill("2030-01-01");
  // Clause rows start as a copy of the current version; edit the summary of the product-code clause.
  const rows = form.getByRole("group", { name: /^Clause \d+$/ });
  const responsibility = rows.filter({ has: page.getByLabel("Reference").and(page.locator('[value="§3"]')) });
  await responsibility.getByLabel("Summary").fill("We are responsible for every suggestion we accept, including licence, security and provenance review before it ships.");
  await expect(form.getByRole("region", { name: "Changes against the current version" })).toContainText("1 edited");
  await form.getByRole("button", { name: "Add a clause" }).click();
  const added = rows.last();
  await added.getByLabel("Reference").fill("§9");
  await added.getByLabel("Summary").fill("Agents acting on our repositories must be registered with GitHub.");
  await expect(form.getByRole("region", { name: "Changes against the current version" })).toContainText("1 added");
  await form.getByRole("button", { name: "Publish version" }).click();

  await expect(page.getByRole("heading", { name: new RegExp(`GitHub: .*version ${version}`) })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Published\. \d+ re-review items? opened\./ })).toBeVisible();
  const reReviews = page.getByRole("region", { name: /^Re-review items opened/ });
  await expect(reReviews.getByRole("link", { name: /Re-review grant of .* \(copilot\): GitHub terms .* changed §3/ }).first()).toBeVisible();

  await page.goto("/review?type=re_review&vendor=github");
  await expect(page.getByRole("link", { name: new RegExp(`GitHub terms ${version} changed §3`) }).first()).toBeVisible();
});

test("everyone reads the clause library; only legal sees the publish button", async ({ page }) => {
  await signInAs(page, "engineer");
  await page.goto("/clauses");
  await expect(page.getByRole("heading", { name: "Clause library" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a new version" })).toHaveCount(0);
  await page.getByRole("link", { name: "§D.4(a)" }).first().click();
  await expect(page.getByRole("heading", { name: /Anthropic §D\.4\(a\)/ })).toBeVisible();
});
