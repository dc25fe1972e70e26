import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { freePortSync } from "./e2e/support/free-port";
import { E2E_AUDIT_SIGNING_KEY, E2E_CHECKPOINT_DIR, E2E_NEXTAUTH_SECRET, E2E_OIDC_CLIENT, E2E_SEED_API_KEY, e2eDatabaseUrl } from "./e2e/support/e2e-env";

// Ports are picked once by the runner; workers load this file again and must see the same values.
process.env.E2E_PORT ??= freePortSync();
process.env.E2E_OIDC_PORT ??= freePortSync();
const appUrl = `http://127.0.0.1:${process.env.E2E_PORT}`;
const oidcIssuer = `http://127.0.0.1:${process.env.E2E_OIDC_PORT}`;
process.env.E2E_BASE_URL = appUrl;

// Debian's chromium (apt-get install -y chromium fonts-liberation); Playwright's own browser only as a fallback.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
if (!systemChromium && !process.env.E2E_QUIET_BROWSER_WARNING) {
  process.env.E2E_QUIET_BROWSER_WARNING = "1";
  console.warn(
    "e2e: /usr/bin/chromium is missing. Install it with `apt-get install -y chromium fonts-liberation` (as root). " +
      "Falling back to Playwright's own chromium, which needs `npx playwright install chromium` and network access.",
  );
}

// The accessibility sweep checks markup, which does not depend on the database engine: a second pass over the same
// checkout on another database (GUARDRAIL_TEST_REUSE=1, see scripts/test.sh) leaves it out. Every page still renders
// for every role on that database in e2e/authz-matrix.spec.ts.
const databaseIndependentSpecs = process.env.GUARDRAIL_TEST_REUSE === "1" ? ["**/a11y.spec.ts"] : [];

export default defineConfig({
  testDir: "./e2e",
  testIgnore: databaseIndependentSpecs,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      name: "oidc",
      command: "npx tsx e2e/support/oidc-server.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      env: { OIDC_PORT: process.env.E2E_OIDC_PORT, APP_URL: appUrl },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      name: "app",
      command: `node --import tsx scripts/server.ts -p ${process.env.E2E_PORT} -H 127.0.0.1`,
      url: `${appUrl}/api/auth/providers`,
      env: {
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: e2eDatabaseUrl(),
        NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
        NEXTAUTH_URL: appUrl,
        PUBLIC_URL: appUrl,
        DEMO_SIGNIN: "true",
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
        OIDC_NAME: E2E_OIDC_CLIENT.name,
        SEED_API_KEY: E2E_SEED_API_KEY,
        AUDIT_SIGNING_KEY: E2E_AUDIT_SIGNING_KEY,
        AUDIT_CHECKPOINT_DIR: E2E_CHECKPOINT_DIR,
        // Every journey signs in again from 127.0.0.1; the limiter itself is covered by unit tests.
        SIGNIN_RATE_BURST: "10000",
      },
      reuseExistingServer: false,
      timeout: 120_000,
      // The app writes one JSON access-log line per request; keep the test output readable (errors still show).
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
