import { test, expect, signInAs } from "./fixtures";

// The over-cap answer of the decision API links here (/usage?capIncrease=1#cap-increase).
test("an engineer over their cap asks for more and the cap admin sees it in the inbox", async ({ page, browser }) => {
  await signInAs(page, "engineer");
  await page.goto("/usage?capIncrease=1#cap-increase");
  const form = page.getByRole("form", { name: "Ask for a higher cap" });
  await form.getByLabel("Monthly cap you need (tokens)").fill("90000000");
  await form.getByLabel("What are the extra tokens for?").fill("CI");
  await form.getByRole("button", { name: "Send request" }).click();
  // The server names the field; what was typed stays.
  await expect(form.getByText("Say in a sentence or two what the extra tokens are for.")).toBeVisible();
  await expect(form.getByLabel("Monthly cap you need (tokens)")).toHaveValue("90000000");

  await form.getByLabel("What are the extra tokens for?").fill("Rewriting the flaky CI pipelines before the freeze.");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByText(/Sent to your manager and the cap admins|You already asked this month/)).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin");
  await admin.goto("/inbox");
  await expect(admin.getByText("Cap increase asked: Alex Kim").first()).toBeVisible();
  await expect(admin.getByText(/asks for a monthly cap of 90,000,000 tokens/).first()).toBeVisible();
});
