import { test, expect, signInAs, DEMO_EMAIL } from "./fixtures";

// Finding 2 of issue 15: /signin?callbackUrl=/%5Cevil.example sent a signed-in browser off-site.
const offSite = ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example/", "javascript:alert(1)"];

test.describe("sign-in redirects stay on the portal", () => {
  test("a signed-in person sent to /signin with an off-site callbackUrl lands on the overview", async ({ page }) => {
    await signInAs(page, "engineer");
    for (const target of offSite) {
      await page.goto(`/signin?callbackUrl=${target}`);
      await page.waitForURL((url) => url.pathname === "/");
      expect(new URL(page.url()).origin).toBe(process.env.E2E_BASE_URL);
      await expect(page.getByTestId("signed-in-person")).toContainText(DEMO_EMAIL.engineer);
    }
    await page.goto("/signin?callbackUrl=/usage");
    await page.waitForURL((url) => url.pathname === "/usage");
  });

  test("signing in with an off-site callbackUrl lands on the overview; a portal path is followed", async ({ page }) => {
    await page.goto("/signin?callbackUrl=/%5Cevil.example");
    await page.getByRole("list", { name: "Demo accounts" }).getByRole("button", { name: /engineer@example\.com/ }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(new URL(page.url()).origin).toBe(process.env.E2E_BASE_URL);

    await page.context().clearCookies();
    await page.goto("/signin?callbackUrl=/usage");
    await page.getByRole("list", { name: "Demo accounts" }).getByRole("button", { name: /engineer@example\.com/ }).click();
    await page.waitForURL((url) => url.pathname === "/usage");
  });
});
