import path from "node:path";
import { test, expect, signInAs, type DemoRole } from "./fixtures";
import { ACCESS_MATRIX, routeFilesOnDisk, urlOfPage, type Actor, type PageEntry } from "../tests/security/access-matrix";

// Every page found on disk, visited in the browser as each demo account and anonymously: 200, 403, 404 or
// the sign-in page exactly as tests/security/access-matrix.ts says. A page without an entry fails here too.
// The demo accounts hold several roles (the seed's manager, legal and admin are engineers as well), and a
// page is open to them when any of their roles is allowed. The deactivated person is covered by the
// integration test (tests/integration/security/authorization-matrix.test.ts): the demo sign-in offers only active people.

const DEMO_ROLES: Record<DemoRole, Actor[]> = {
  engineer: ["engineer"],
  manager: ["engineer", "manager"],
  legal: ["engineer", "legal"],
  admin: ["engineer", "admin"],
};

const pages = routeFilesOnDisk(path.resolve(import.meta.dirname, "..")).filter((f) => f.endsWith("page.tsx"));

function pageEntry(file: string): PageEntry {
  const entry = ACCESS_MATRIX[file];
  if (!entry || entry.kind !== "page") throw new Error(`${file} has no page entry in tests/security/access-matrix.ts`);
  return entry;
}

/** What a person holding `actors` should get: a status, or the path they end up on. */
function expected(entry: PageEntry, actors: Actor[]): string {
  const allowed = actors.some((a) => entry.allow.includes(a));
  const signedIn = !actors.includes("anonymous");
  if (!allowed) return signedIn ? "403" : "→/signin";
  if (entry.signedInRedirect && signedIn) return `→${entry.signedInRedirect}`;
  return entry.params || entry.searchParams ? "404" : "200";
}

test("every page on disk has a matrix entry", () => {
  expect(pages.length).toBeGreaterThan(10);
  expect(pages.filter((f) => ACCESS_MATRIX[f]?.kind !== "page")).toEqual([]);
});

for (const role of Object.keys(DEMO_ROLES) as DemoRole[]) {
  test(`${role}@example.com gets 200/403/404 on every page exactly as the matrix says`, async ({ page }) => {
    test.setTimeout(240_000);
    await signInAs(page, role);
    const seen: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const file of pages) {
      const entry = pageEntry(file);
      const url = urlOfPage(file, entry.params, entry.searchParams);
      const res = await page.goto(url);
      const landed = new URL(page.url()).pathname;
      const target = url.split("?")[0];
      seen[url] = landed !== target ? `→${landed}` : String(res?.status());
      want[url] = expected(entry, DEMO_ROLES[role]);
    }
    expect(seen).toEqual(want);
  });
}

test("anonymous visitors are sent to sign-in from every page but the public ones", async ({ page }) => {
  test.setTimeout(240_000);
  const seen: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const file of pages) {
    const entry = pageEntry(file);
    const url = urlOfPage(file, entry.params, entry.searchParams);
    const res = await page.goto(url);
    const landed = new URL(page.url()).pathname;
    seen[url] = landed !== url.split("?")[0] ? `→${landed}` : String(res?.status());
    want[url] = expected(entry, ["anonymous"]);
  }
  expect(seen).toEqual(want);
});
