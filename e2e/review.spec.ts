import type { Browser, Page } from "@playwright/test";
import { test, expect, signInAs, type DemoRole } from "./fixtures";

// Legal works a violation from open to confirmed. The engineer first gets a Claude Code grant through the
// normal workflow (no other spec touches Claude Code grants), then uses Claude Code on a training-data project.

async function as(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

test("legal confirms a violation: the manager is notified and the person's grant for the tool is revoked", async ({ browser, request, apiHeaders }) => {
  test.setTimeout(120_000);
  const subject = "Alex Kim: Claude Code for Product code on ads-ranking";

  const engineer = await as(browser, "engineer");
  await engineer.goto("/requests/new?tool=claude-code&activity=product-code&project=ads-ranking");
  const form = engineer.getByRole("form", { name: "New exception request" });
  await form.getByLabel("Why do you need this exception?").fill("Refactor the bid-shading module for the new auction format.");
  await form.getByLabel("How will the outputs stay out of training data?").fill("Outputs stay in the product repository, which no training-data export reads.");
  await form.getByRole("button", { name: "File request" }).click();
  await expect(engineer.getByText("Request filed. Your manager has been notified.")).toBeVisible();

  const manager = await as(browser, "manager");
  await manager.goto("/approvals");
  await manager.getByRole("form", { name: `Approve ${subject}` }).getByRole("button", { name: "Approve" }).click();
  const outcome = manager.getByText(/Approved at the manager stage; it now goes to legal\.|Approved: the grant is live for its window\./);
  await expect(outcome).toBeVisible();

  const legal = await as(browser, "legal");
  if ((await outcome.textContent())?.includes("goes to legal")) {
    await legal.goto("/approvals");
    await legal.getByRole("form", { name: `Approve ${subject}` }).getByRole("button", { name: "Approve" }).click();
    await expect(legal.getByText("Approved: the grant is live for its window.")).toBeVisible();
  }

  // The same engineer now uses Claude Code on a training-data project: a violation, whatever the grant says.
  const occurredAt = new Date(Date.now() - 3600_000);
  const day = occurredAt.toISOString().slice(0, 10);
  const eventId = `e2e-review-${Date.now()}`;
  const res = await request.post("/api/v1/usage-events", {
    headers: apiHeaders,
    data: [{ id: eventId, occurredAt: occurredAt.toISOString(), user: "engineer@example.com", tool: "claude-code", project: "coding-challenges", activity: "benchmark-design", inputTokens: 2400, outputTokens: 900 }],
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).outcomes.violation).toBe(1);

  await legal.goto("/review?type=violation&vendor=anthropic&team=platform&sort=age&pageSize=200");
  await legal.getByRole("link", { name: new RegExp(`Alex Kim: Claude Code for Coding challenges and benchmark design on Coding challenges \\(${day}\\)`) }).first().click();
  await expect(legal.getByRole("heading", { name: /Alex Kim: Claude Code for Coding challenges and benchmark design/ })).toBeVisible();
  await expect(legal.getByText(eventId)).toBeVisible();
  await expect(legal.getByRole("region", { name: "Grants and requests around that time" }).getByText("live").first()).toBeVisible();

  const assign = legal.getByRole("form", { name: "Assign this item" });
  await assign.getByLabel("Reviewer").selectOption("me");
  await assign.getByRole("button", { name: "Assign" }).click();
  await expect(assign.getByText("Assigned.")).toBeVisible();

  const decide = legal.getByRole("form", { name: "Record an outcome" });
  await decide.getByLabel("Confirm violation").check();
  await decide.getByLabel("Note").fill("Benchmark design for coding-challenges with Claude Code breaches Anthropic §D.4.");
  await expect(decide.getByLabel("Notify the person's manager")).toBeChecked();
  await expect(decide.getByLabel("Revoke the person's grants for this tool")).toBeChecked();
  await decide.getByRole("button", { name: "Record outcome" }).click();
  await expect(legal.getByRole("region", { name: "History" }).getByText("review.grants_revoked")).toBeVisible();

  await legal.reload();
  await expect(legal.getByText("Confirmed violation").first()).toBeVisible();
  const grants = legal.getByRole("region", { name: "Grants and requests around that time" });
  await expect(grants.getByText("revoked").first()).toBeVisible();
  await expect(legal.getByRole("region", { name: "History" }).getByText("review.confirmed")).toBeVisible();

  await manager.goto("/inbox");
  await expect(manager.getByText("Confirmed violation: Alex Kim").first()).toBeVisible();
  await engineer.goto("/allowed?tool=claude-code&activity=product-code&project=ads-ranking");
  await expect(engineer.getByRole("region", { name: /^Only with an approved exception: Claude Code for product code/ })).toBeVisible();
});

test("an engineer cannot open the review queue", async ({ page }) => {
  await signInAs(page, "engineer");
  const res = await page.goto("/review");
  expect(res?.status()).toBe(403);
  const csv = await page.request.get("/api/evidence/events?status=all");
  expect(csv.status()).toBe(403);
});
