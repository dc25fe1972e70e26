import { beforeAll, describe, expect, it, vi } from "vitest";

// The policy editor's save action as the browser calls it (only the session cookie is replaced): an emptied
// rule message is refused on the server with a field error naming that rule, and no version is written.
const session = vi.hoisted(() => ({ personId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ readSessionPersonId: async () => session.personId }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { prisma } from "@/lib/db/client";
import { latestPolicyVersion } from "@/lib/policy/load-policy-rules";
import { savePolicyVersion } from "@/lib/policy/save-policy-version";
import { savePolicyAction } from "@/app/(portal)/admin/policy/actions";
import { useTestDb } from "../../support/test-db";
import { baseRules, createPolicyFixtures, type PolicyFixtures } from "./policy-fixtures";

useTestDb();
let f: PolicyFixtures;

beforeAll(async () => {
  f = await createPolicyFixtures();
  await savePolicyVersion({ type: "user", id: f.admin.id }, { baseVersion: 0, note: "first", rules: baseRules(f) });
  session.personId = f.admin.id;
});

function form(rules: unknown, baseVersion = 1): FormData {
  const data = new FormData();
  data.set("baseVersion", String(baseVersion));
  data.set("rules", JSON.stringify(rules));
  data.set("note", "e2e-like edit");
  return data;
}

describe("savePolicyAction", () => {
  it.each([
    ["empty", ""],
    ["blank", "    "],
    ["too short", "ok"],
  ])("refuses a rule whose message is %s, names the rule, and saves nothing", async (_label, message) => {
    const rules = baseRules(f);
    rules[2] = { ...rules[2], message };
    const state = await savePolicyAction({}, form(rules));
    expect(state.ok).toBe(false);
    expect(state.errors?.["rules.2.message"]).toEqual(["Write the message people see (at least 5 characters)."]);
    expect(await latestPolicyVersion()).toBe(1);
    expect(await prisma.auditEntry.count({ where: { action: "policy.version_created" } })).toBe(1);
  });

  it("refuses an unchanged rule list with a form message (what an edit lost before hydration looks like)", async () => {
    const state = await savePolicyAction({}, form(baseRules(f)));
    expect(state).toMatchObject({ ok: false, message: "Nothing changed: the rules are the same as version 1." });
    expect(await latestPolicyVersion()).toBe(1);
  });
});
