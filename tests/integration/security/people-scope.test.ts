import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The People pages and actions through their public boundary, as the signed-in person (only the session cookie is
// replaced): a manager reads their own org and nobody else, and changes nothing.
const session = vi.hoisted(() => ({ personId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ readSessionPersonId: async () => session.personId }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { prisma } from "@/lib/db/client";
import PersonPage from "@/app/(portal)/people/[id]/page";
import PeoplePage from "@/app/(portal)/people/page";
import { placePersonAction, setActiveAction, setRolesAction } from "@/app/(portal)/people/actions";
import { createOrgFixture } from "../org/org-fixture";
import { useTestDb } from "../../support/test-db";

useTestDb();
let org: Awaited<ReturnType<typeof createOrgFixture>>;

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  org = await createOrgFixture();
});
beforeEach(() => {
  session.personId = null;
});

const as = (id: string) => {
  session.personId = id;
};
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
async function personPage(id: string): Promise<string> {
  try {
    await PersonPage({ params: Promise.resolve({ id }) });
    return "ok";
  } catch (e) {
    return String((e as { digest?: unknown }).digest ?? e);
  }
}
/** The names in the rendered People table (server component output, walked as plain React elements). */
async function namesOnPeoplePage(search: Record<string, string> = {}): Promise<string[]> {
  const tree = await PeoplePage({ searchParams: Promise.resolve(search) });
  const names: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    const props = (node as { props?: Record<string, unknown> }).props;
    const page = props?.page as { rows?: { name: string }[] } | undefined;
    if (page?.rows) names.push(...page.rows.map((r) => r.name));
    walk(props?.children);
  };
  walk(tree);
  return names;
}

describe("People scope", () => {
  it("a manager opens people in their org and gets 404 for anyone else; an admin opens anyone", async () => {
    as(org.mid.id);
    expect(await personPage(org.e1.id)).toBe("ok");
    expect(await personPage(org.gone.id)).toBe("ok");
    expect(await personPage(org.e3.id)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await personPage(org.e4.id)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    as(org.top.id);
    expect(await personPage(org.e1.id)).toBe("ok");
    as(org.admin.id);
    expect(await personPage(org.e4.id)).toBe("ok");
    as(org.e1.id);
    expect(await personPage(org.e1.id)).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  it("a manager's list holds their org and themselves only", async () => {
    as(org.mid.id);
    expect((await namesOnPeoplePage({ status: "all" })).sort()).toEqual(["Person e1", "Person e2", "Person gone", "Person mid"]);
    as(org.admin.id);
    expect(await namesOnPeoplePage({ q: "e4" })).toEqual(["Person e4"]);
  });

  it("a manager cannot change anyone, even in their org; an admin can", async () => {
    as(org.mid.id);
    for (const [action, fields] of [
      [setActiveAction, { id: org.e1.id, active: "false" }],
      [setRolesAction, { id: org.e1.id, "roles[]": "admin" }],
      [placePersonAction, { id: org.e1.id, teamId: "", managerEmail: "" }],
    ] as const) {
      expect(await action({}, form(fields))).toMatchObject({ ok: false, message: "You do not have the role this action needs." });
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: org.e1.id } })).toMatchObject({ active: true, roles: ["engineer"], managerId: org.mid.id });
    as(org.admin.id);
    expect(await setActiveAction({}, form({ id: org.e1.id, active: "false" }))).toMatchObject({ ok: true, message: expect.stringContaining("deactivated") });
  });
});
