import { test, expect, signInAs, SEED_API_KEY } from "./fixtures";
import { MACHINE_ROUTES } from "../tests/security/access-matrix";

// The machine API from outside: no key or a bad key is 401, a key without the scope is 403 (a read-only key
// made in the admin UI), the seed key (all scopes) gets through. Plus the headers and cookie flags a browser sees.

const apiRoutes = Object.entries(MACHINE_ROUTES).flatMap(([route, entry]) => {
  const [method, url] = route.split(" ");
  return entry.auth === "api_key" || entry.auth === "api_key_or_personal_token" ? [{ url, method, scope: entry.scope }] : [];
});

test("every /api/v1 route: 401 without a valid key, through with the seed key", async ({ request }) => {
  expect(apiRoutes.length).toBeGreaterThanOrEqual(5);
  for (const { url, method } of apiRoutes) {
    const send = (authorization?: string) =>
      request.fetch(url, { method, headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) }, data: method === "GET" ? undefined : "{}" });
    for (const auth of [undefined, "Bearer grk_not_a_real_key", `Basic ${SEED_API_KEY}`]) {
      const res = await send(auth);
      expect(res.status(), `${method} ${url} with ${auth ?? "no key"}`).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
      expect(JSON.stringify(await res.json())).not.toContain(SEED_API_KEY);
    }
    const ok = await send(`Bearer ${SEED_API_KEY}`);
    expect([401, 403], `${method} ${url} with the seed key`).not.toContain(ok.status());
    expect(ok.status()).toBeLessThan(500);
  }
});

test("a read-only key made in the admin UI gets 403 on ingest and decide, 200 on reads", async ({ page, request }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/api-keys");
  const form = page.getByRole("form", { name: "Create an API key" });
  const name = `e2e read-only ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  for (const scope of ["ingest", "decide"]) {
    const box = form.getByRole("checkbox", { name: new RegExp(scope) });
    if (await box.isChecked()) await box.uncheck();
  }
  await form.getByRole("checkbox", { name: /read/ }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const key = ((await page.getByTestId("new-api-key").textContent()) ?? "").trim();
  expect(key).toMatch(/^grk_/);

  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  for (const { url, method, scope } of apiRoutes) {
    const res = await request.fetch(url, { method, headers, data: method === "GET" ? undefined : "{}" });
    if (scope === "read") expect(res.status(), `${method} ${url}`).toBe(200);
    else {
      expect(res.status(), `${method} ${url}`).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
  }
});

test("pages carry the security headers, and the session cookie is HttpOnly and SameSite", async ({ page, context }) => {
  const res = await page.goto("/signin");
  const h = res!.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-powered-by"]).toBeUndefined();
  await signInAs(page, "engineer");
  const session = (await context.cookies()).find((c) => /session-token/.test(c.name));
  expect(session, "a next-auth session cookie").toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(["Lax", "Strict"]).toContain(session!.sameSite);
});
