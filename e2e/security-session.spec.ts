import { test, expect, signInAs } from "./fixtures";

// Finding 4 of issue 15: an old session cookie kept working after sign-out and was renewed by /api/auth/session.
test("after sign-out, a copy of the old session cookie opens nothing and is not renewed", async ({ page, browser, playwright }) => {
  await signInAs(page, "engineer");
  const copied = (await page.context().cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(copied).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);

  // Someone who kept the cookie (another browser, a stolen copy) replays it.
  const replay = await browser.newContext();
  await replay.addCookies(copied);
  const other = await replay.newPage();
  await other.goto("/usage");
  await expect(other).toHaveURL(/\/signin/);
  await expect(other.getByRole("heading", { name: "Sign in to Guardrail" })).toBeVisible();
  await replay.close();

  const api = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL, extraHTTPHeaders: { cookie: `${copied[0].name}=${copied[0].value}` } });
  const res = await api.get("/api/auth/session");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({});
  const setCookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${copied[0].name}=`));
  // Only the clearing cookie (empty value), never a renewed one.
  expect(setCookies.every((h) => h.value.startsWith(`${copied[0].name}=;`))).toBe(true);
  await api.dispose();
});
