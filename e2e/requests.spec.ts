import type { Browser, Page } from "@playwright/test";
import { test, expect, signInAs, type DemoRole } from "./fixtures";

// The exception workflow as the demo people live it. Each journey files its own request through the UI
// and leaves the "can I use" answer for codex/product-code/ads-ranking as it found it (the grant is revoked
// at the end), so the What's-allowed spec sees the seeded state.

async function as(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

async function fileRequest(page: Page, subject: { tool: string; activity: string; project: string }, justification: string) {
  await page.goto(`/requests/new?${new URLSearchParams(subject)}`);
  const form = page.getByRole("form", { name: "New exception request" });
  await expect(form.getByLabel("Tool")).toHaveValue(subject.tool);
  await form.getByLabel("Why do you need this exception?").fill(justification);
  await form.getByLabel("How will the outputs stay out of training data?").fill("Outputs stay in the product repository, which is excluded from every training-data export.");
  await form.getByRole("button", { name: "File request" }).click();
  await expect(page.getByText("Request filed. Your manager has been notified.")).toBeVisible();
  return new URL(page.url()).pathname;
}

test.describe.configure({ mode: "serial" });

test.describe("Exception requests", () => {
  test("engineer files codex for product code on ads-ranking → manager approves → legal approves → the grant allows it → legal revokes", async ({ browser }) => {
    // Three people sign in and the journey opens some fifteen pages: on a loaded 2-core CI machine with the embedded
    // database it came to the 60 s default while every step still passed.
    test.setTimeout(120_000);
    const engineer = await as(browser, "engineer");
    await engineer.goto("/requests/new?tool=codex&activity=product-code&project=ads-ranking");
    const preview = engineer.getByRole("region", { name: "What the policy says" });
    await expect(preview.getByText("Needs exception")).toBeVisible();
    await expect(preview.getByText(/then legal/)).toBeVisible();
    const path = await fileRequest(engineer, { tool: "codex", activity: "product-code", project: "ads-ranking" }, "Port the ranking feature extractors to the new serving framework.");
    await expect(engineer.getByLabel("Stages").getByText("Waiting for the manager")).toBeVisible();

    const manager = await as(browser, "manager");
    await manager.goto("/inbox");
    await expect(manager.getByRole("link", { name: "Approval needed: Codex for Product code on ads-ranking" }).first()).toBeVisible();
    await manager.goto("/approvals");
    const label = "Alex Kim: Codex for Product code on ads-ranking";
    const approveForm = manager.getByRole("form", { name: `Approve ${label}` });
    await approveForm.getByText("Conditions (optional)").click();
    await approveForm.getByLabel("Cap override (tokens/month)").fill("40,000,000");
    await approveForm.getByRole("button", { name: "Approve" }).click();
    await expect(manager.getByText("Approved at the manager stage; it now goes to legal.")).toBeVisible();

    const legal = await as(browser, "legal");
    await legal.goto("/approvals");
    const legalForm = legal.getByRole("form", { name: `Approve ${label}` });
    await expect(legal.getByRole("region", { name: /Legal stage/ }).getByText(/^OpenAI /).first()).toBeVisible();
    await legalForm.getByRole("button", { name: "Approve" }).click();
    await expect(legal.getByText("Approved: the grant is live for its window.")).toBeVisible();

    await engineer.goto(path);
    await expect(engineer.getByRole("heading", { name: "Codex for Product code on ads-ranking" })).toBeVisible();
    await expect(engineer.getByText("Approved", { exact: true }).first()).toBeVisible();
    await expect(engineer.getByLabel("Stages").getByText("Manager approved")).toBeVisible();
    await expect(engineer.getByLabel("Stages").getByText("Legal approved")).toBeVisible();
    await expect(engineer.getByRole("region", { name: "Grant" })).toContainText("cap override 40,000,000 tokens/month");
    await engineer.goto("/allowed?tool=codex&activity=product-code&project=ads-ranking");
    await expect(engineer.getByRole("region", { name: /^Yes: Codex for product code/ })).toBeVisible();
    await expect(engineer.getByText("Allowed by your grant").first()).toBeVisible();

    // The tool-approval log shows who approved at each stage; revoking ends the grant at once.
    await legal.goto("/grants?person=engineer%40example.com&tool=codex&status=live");
    const row = legal.getByRole("row", { name: /Alex Kim.*Codex · Product code · ads-ranking/ });
    await expect(row).toContainText("manager: Morgan");
    await row.getByRole("button", { name: /^Revoke/ }).click();
    await row.getByLabel("Reason for revoking").fill("The serving migration moved to MetaCode.");
    await row.getByRole("button", { name: "Revoke grant" }).click();
    await expect(legal.getByText("Grant revoked; the holder has been told.")).toBeVisible();

    await engineer.goto("/allowed?tool=codex&activity=product-code&project=ads-ranking");
    await expect(engineer.getByRole("region", { name: /^Only with an approved exception: Codex for product code/ })).toBeVisible();
    await engineer.goto(path);
    await expect(engineer.getByLabel("Stages").getByText("Grant revoked")).toBeVisible();
    await expect(engineer.getByText("The serving migration moved to MetaCode.").first()).toBeVisible();
  });

  test("the manager rejects with a reason and the engineer sees why", async ({ browser }) => {
    const engineer = await as(browser, "engineer");
    const path = await fileRequest(engineer, { tool: "gemini-cli", activity: "product-code", project: "internal-docs" }, "Generate the docs site search service from the design document.");

    const manager = await as(browser, "manager");
    await manager.goto("/approvals");
    const reject = manager.getByRole("form", { name: "Reject Alex Kim: Gemini CLI for Product code on internal-docs" });
    await reject.getByRole("button", { name: "Reject" }).click();
    await expect(reject.getByText(/Give a reason/)).toBeVisible();
    await reject.getByLabel("Reason for rejecting").fill("Use MetaCode for the docs tooling.");
    await reject.getByRole("button", { name: "Reject" }).click();
    await expect(manager.getByText("Rejected; the requester has been told why.")).toBeVisible();

    await engineer.goto(path);
    await expect(engineer.getByLabel("Stages").getByText("Manager rejected")).toBeVisible();
    await expect(engineer.getByText("Use MetaCode for the docs tooling.")).toBeVisible();
    await expect(engineer.getByRole("button", { name: "Withdraw request" })).toHaveCount(0);
    await engineer.goto("/inbox");
    await expect(engineer.getByRole("link", { name: "Rejected: Gemini CLI for Product code on internal-docs" }).first()).toBeVisible();
  });

  test("a prohibited request is refused with the clause and the in-house tool, and nothing typed is lost", async ({ page }) => {
    await signInAs(page, "engineer");
    await page.goto("/requests/new?tool=codex&activity=training-data-generation&project=coding-challenges");
    await expect(page.getByRole("region", { name: "What the policy says" }).getByText("This combination is prohibited and cannot be requested.")).toBeVisible();
    const form = page.getByRole("form", { name: "New exception request" });
    const why = "Write new coding challenges for the model evaluation set.";
    await form.getByLabel("Why do you need this exception?").fill(why);
    await form.getByLabel("How will the outputs stay out of training data?").fill("They will not: they are the training data, which is the point.");
    await form.getByRole("button", { name: "File request" }).click();
    await expect(form.getByText(/This cannot be requested: .*Use MetaCode \(metacode\), the in-house assistant, instead\./)).toBeVisible();
    await expect(form.getByText(/^OpenAI |OpenAI /).first()).toBeVisible();
    await expect(form.getByLabel("Why do you need this exception?")).toHaveValue(why);
    await expect(page).toHaveURL(/\/requests\/new/);
  });

  test("the engineer withdraws a pending request", async ({ page }) => {
    await signInAs(page, "engineer");
    const path = await fileRequest(page, { tool: "copilot", activity: "other", project: "internal-docs" }, "Clean up the handbook's broken cross-references in bulk.");
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: "Withdraw request" }).click();
    await expect(page.getByText("Request withdrawn.")).toBeVisible();
    await page.goto("/requests");
    await expect(page.getByRole("row", { name: /GitHub Copilot · Other · internal-docs/ }).first()).toContainText("Withdrawn");
    expect(path).toMatch(/^\/requests\//);
  });
});
