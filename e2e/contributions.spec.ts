import { test, expect, signInAs } from "./fixtures";

// The window is picked far from the seeded usage so only this spec's events fall into it.
const year = 2020 + (Math.floor(Date.now() / 1000) % 5);

test("an engineer registers one contribution that comes out contaminated and one that comes out clean", async ({ page, request, apiHeaders }) => {
  const eventId = `e2e-contrib-${Date.now()}`;
  const res = await request.post("/api/v1/usage-events", {
    headers: apiHeaders,
    data: [{ id: eventId, occurredAt: `${year}-03-10T12:00:00Z`, user: "engineer@example.com", tool: "gemini-cli", project: "coding-challenges", activity: "benchmark-design", inputTokens: 800, outputTokens: 400 }],
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).accepted).toBe(1);

  await signInAs(page, "engineer");
  const register = async (artifact: string, first: string, last: string) => {
    await page.goto("/contributions");
    const form = page.getByRole("form", { name: "Register a contribution" });
    // The author is always the signed-in person: the form has no field to name someone else.
    await expect(form.locator("[name=authorId], [name=author]")).toHaveCount(0);
    await form.getByLabel("Training-data project").selectOption({ label: "coding-challenges — Coding challenges" });
    await form.getByLabel("Artifact").fill(artifact);
    await form.getByLabel("Authored from (first day)").fill(first);
    await form.getByLabel("Authored until (last day, inclusive)").fill(last);
    await form.getByLabel(/I attest that I made this contribution by hand/).check();
    await form.getByRole("button", { name: "Register and check" }).click();
  };

  await register(`challenges/${eventId}-tainted`, `${year}-03-09`, `${year}-03-11`);
  await expect(page.getByText(/Registered: contaminated\. \d+ external-tool events? on this project during the window/)).toBeVisible();
  await expect(page.getByRole("cell", { name: eventId, exact: true })).toBeVisible();

  await register(`challenges/${eventId}-clean`, `${year}-04-01`, `${year}-04-03`);
  await expect(page.getByText("Registered: clean. No external-tool usage by you on this project during the window.")).toBeVisible();

  await page.goto("/contributions");
  await expect(page.getByRole("link", { name: `challenges/${eventId}-tainted` })).toBeVisible();
  await expect(page.getByRole("link", { name: `challenges/${eventId}-clean` })).toBeVisible();
});

test("the attestation is required", async ({ page }) => {
  await signInAs(page, "engineer");
  await page.goto("/contributions");
  const form = page.getByRole("form", { name: "Register a contribution" });
  await form.getByLabel("Training-data project").selectOption({ label: "coding-challenges — Coding challenges" });
  await form.getByLabel("Artifact").fill("challenges/unattested");
  await form.getByLabel("Authored from (first day)").fill("2021-01-01");
  await form.getByLabel("Authored until (last day, inclusive)").fill("2021-01-02");
  await form.getByRole("button", { name: "Register and check" }).click();
  await expect(page.getByText("Confirm that the contribution is handmade.")).toBeVisible();
});
