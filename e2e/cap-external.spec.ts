import { test, expect, signInAs } from "./fixtures";
import { statValue } from "./support/overview";

// Issue 18: the monthly cap governs external tools only. A person over it sees on the overview exactly what the decision
// API answers: external tools are refused (with the way to go on), the in-house assistant is not.
test("over the external cap: the overview and the decision API agree, and the in-house assistant stays open", async ({ page, request, apiHeaders }) => {
  await signInAs(page, "legal");
  const panel = page.getByRole("region", { name: "Your usage and requests" });
  const limit = await statValue(panel, "External-tools cap");
  const usedBefore = await statValue(panel, "External tokens used");
  const inHouseBefore = await statValue(panel, "In-house tokens");

  // A gateway reports enough external usage to pass the cap, and some in-house usage, which must not count.
  const stamp = `e2e-cap-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const occurredAt = new Date().toISOString();
  const events: Record<string, unknown>[] = [];
  for (let left = Math.max(0, limit - usedBefore) + 1000, i = 0; left > 0; i++) {
    const n = Math.min(left, 2_000_000_000);
    events.push({ id: `${stamp}-${i}`, occurredAt, user: "legal@example.com", tool: "claude-code", activity: "documentation", inputTokens: n, outputTokens: 0 });
    left -= n;
  }
  events.push({ id: `${stamp}-in`, occurredAt, user: "legal@example.com", tool: "metacode", activity: "documentation", inputTokens: 4000, outputTokens: 1000 });
  const ingested = await request.post("/api/v1/usage-events", { headers: apiHeaders, data: events });
  expect(ingested.status()).toBe(200);
  expect((await ingested.json()).accepted).toBe(events.length);

  await page.reload();
  const used = await statValue(panel, "External tokens used");
  expect(used).toBeGreaterThanOrEqual(limit);
  expect(await statValue(panel, "In-house tokens")).toBeGreaterThanOrEqual(inHouseBefore + 5000);
  await expect(panel.getByText(/You are over your external-tools cap: external tools will refuse further requests this month/)).toBeVisible();
  await expect(panel.getByRole("link", { name: "ask for a cap increase" })).toHaveAttribute("href", "/usage?capIncrease=1#cap-increase");

  // What the page says is what the API does: an external tool is refused, with the cap the page shows.
  const external = await (await request.post("/api/v1/decisions", { headers: apiHeaders, data: { user: "legal@example.com", tool: "claude-code", activity: "documentation" } })).json();
  expect(external).toMatchObject({ decision: "deny", reasons: [{ code: "over_cap" }], cap: { limit, remaining: 0, counts: "external_tools", applies: true } });
  expect(external.cap.used).toBeGreaterThanOrEqual(used);
  expect(external.reasons[0].message).toMatch(/in-house assistant \(MetaCode, "metacode"\) does not count toward this cap: use it to go on/);
  expect(external.requestUrl).toContain("/usage?capIncrease=1#cap-increase");

  // ... and the in-house assistant is allowed, even where only it may be used.
  const inHouse = await (
    await request.post("/api/v1/decisions", {
      headers: apiHeaders,
      data: { user: "legal@example.com", tool: "metacode", activity: "training-data-generation", project: "llm-pretraining-data", estimatedTokens: 20_000 },
    })
  ).json();
  expect(inHouse).toMatchObject({ decision: "allow", cap: { limit, applies: false } });
});

test("an admin sets a per-tool cap on Token caps and the decision API applies it to that tool only", async ({ page, request, apiHeaders }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/caps");
  const add = page.getByRole("form", { name: "New user cap on the in-house assistant or one tool" });
  // The server names the missing choice; what was typed stays.
  await add.getByLabel("Person (email or employee id)").fill("admin@example.com");
  await add.getByLabel("Monthly tokens").fill("1000");
  await add.getByRole("button", { name: "Add personal cap" }).click();
  await expect(add.getByText("Pick what the cap limits.")).toBeVisible();
  await add.getByLabel("Cap on").selectOption({ label: "Codex only (external)" });
  await add.getByRole("button", { name: "Add personal cap" }).click();
  await expect(add.getByText(/Cap for admin@example.com on Codex saved: 1,000 tokens a month/)).toBeVisible();

  const ask = async (tool: string) =>
    (await request.post("/api/v1/decisions", { headers: apiHeaders, data: { user: "admin@example.com", tool, activity: "documentation", estimatedTokens: 5000 } })).json();
  const codex = await ask("codex");
  expect(codex).toMatchObject({ decision: "deny", reasons: [{ code: "over_cap" }], toolCap: { tool: "codex", limit: 1000 } });
  expect(codex.reasons[0].message).toMatch(/Monthly cap on Codex reached/);
  const claude = await ask("claude-code");
  expect(claude.toolCap).toBeNull();
  expect(claude.reasons[0].code).not.toBe("over_cap");

  // Removing it lifts it at once.
  const row = page.getByRole("listitem").filter({ has: page.getByRole("form", { name: "Cap for Sam Ortiz on Codex" }) });
  await row.getByRole("button", { name: "Remove the cap for Sam Ortiz on Codex" }).click();
  await expect(page.getByRole("form", { name: "Cap for Sam Ortiz on Codex" })).toHaveCount(0);
  expect((await ask("codex")).toolCap).toBeNull();
});
