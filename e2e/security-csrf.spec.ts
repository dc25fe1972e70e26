import { test, expect, signInAs } from "./fixtures";

// Server actions are public endpoints. Replay the browser's own "file request" post: with another site's Origin it
// is refused and files nothing; the same post from our origin files the request (so the replay itself is sound).
test("a server action posted from another site is refused and files nothing", async ({ page }) => {
  await signInAs(page, "engineer");
  // This test's requests only (Gemini CLI on payments-core): other tests file requests as the engineer meanwhile.
  const countRequests = async () => {
    await page.goto("/requests");
    return page.getByRole("row").filter({ hasText: "Gemini CLI" }).filter({ hasText: "payments-core" }).count();
  };
  const before = await countRequests();

  await page.goto("/requests/new?tool=gemini-cli&activity=product-code&project=payments-core");
  const form = page.getByRole("form", { name: "New exception request" });
  await form.getByLabel("Why do you need this exception?").fill("Port the settlement batch job; replayed by the cross-site test.");
  await form.getByLabel("How will the outputs stay out of training data?").fill("Outputs stay in the payments repository.");
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
  await page.route("**/requests/new**", async (route) => {
    const req = route.request();
    if (req.method() !== "POST") return route.continue();
    captured = { url: req.url(), headers: req.headers(), body: req.postDataBuffer() ?? Buffer.alloc(0) };
    return route.abort();
  });
  await form.getByRole("button", { name: "File request" }).click();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unrouteAll();
  const post = captured as unknown as { url: string; headers: Record<string, string>; body: Buffer };
  const headers = Object.fromEntries(Object.entries(post.headers).filter(([k]) => k !== "content-length"));
  const api = page.context().request;

  const crossSite = await api.post(post.url, { headers: { ...headers, origin: "https://evil.example" }, data: post.body });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(await countRequests()).toBe(before);

  const sameSite = await api.post(post.url, { headers, data: post.body });
  expect(sameSite.status()).toBe(200);
  expect(await countRequests()).toBe(before + 1);
});
