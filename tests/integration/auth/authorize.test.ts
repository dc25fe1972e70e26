import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The session cookie is the only thing replaced: the person, roles and status come from the real database.
const session = vi.hoisted(() => ({ personId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ readSessionPersonId: async () => session.personId }));

import { prisma } from "@/lib/db/client";
import { canSeeUser, getCurrentPerson, hasRole, requirePerson, requireRole } from "@/lib/auth/authorize";
import { useTestDb } from "../../support/test-db";
import { asPerson, createOrgFixture } from "../org/org-fixture";

useTestDb();
let org: Awaited<ReturnType<typeof createOrgFixture>>;
beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true"; // what next.config's experimental.authInterrupts sets
  org = await createOrgFixture();
});
beforeEach(() => {
  session.personId = null;
});

async function thrown(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    return String((e as { digest?: string }).digest ?? e);
  }
  return "no error";
}

describe("canSeeUser across the org tree", () => {
  const cases: [string, string, boolean][] = [
    ["e1", "e1", true],
    ["e1", "e2", false],
    ["e1", "mid", false],
    ["mid", "e1", true],
    ["mid", "gone", true],
    ["mid", "e3", false],
    ["mid", "top", false],
    ["top", "e2", true],
    ["top", "e3", true],
    ["top", "e4", false],
    ["other", "e4", true],
    ["other", "e1", false],
    ["legal", "e4", true],
    ["admin", "top", true],
  ];
  it.each(cases)("%s sees %s: %s", async (viewer, subject, expected) => {
    const v = org[viewer as keyof typeof org];
    const s = org[subject as keyof typeof org];
    expect(await canSeeUser(asPerson(v), s.id)).toBe(expected);
  });
});

describe("hasRole", () => {
  it("is true when any of the roles is held", () => {
    expect(hasRole({ roles: ["engineer", "manager"] }, "legal", "manager")).toBe(true);
    expect(hasRole({ roles: ["engineer"] }, "legal", "admin")).toBe(false);
  });
});

describe("requirePerson and requireRole with the roles in the database", () => {
  it("redirects to sign-in without a session", async () => {
    expect(await getCurrentPerson()).toBeNull();
    expect(await thrown(requirePerson)).toMatch(/^NEXT_REDIRECT;replace;\/signin;/);
  });

  it("sends a deactivated person to the page that says why", async () => {
    session.personId = org.gone.id;
    expect(await getCurrentPerson()).toBeNull();
    expect(await thrown(requirePerson)).toContain("/signin/denied?reason=inactive");
  });

  it("returns the person for a matching role and 403s for another role", async () => {
    session.personId = org.e1.id;
    expect((await requireRole("engineer")).id).toBe(org.e1.id);
    expect(await thrown(() => requireRole("legal", "admin"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  it("applies a role change or deactivation on the next request, without signing in again", async () => {
    session.personId = org.e2.id;
    expect(await thrown(() => requireRole("admin"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    await prisma.user.update({ where: { id: org.e2.id }, data: { roles: ["engineer", "admin"] } });
    expect((await requireRole("admin")).roles).toContain("admin");
    await prisma.user.update({ where: { id: org.e2.id }, data: { active: false } });
    expect(await thrown(() => requireRole("admin"))).toContain("/signin/denied?reason=inactive");
  });

  it("treats a session for a person no longer in the directory as signed out", async () => {
    session.personId = "00000000-0000-0000-0000-000000000000";
    expect(await thrown(requirePerson)).toMatch(/\/signin;/);
  });
});
