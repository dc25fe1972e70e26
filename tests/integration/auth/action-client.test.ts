import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const session = vi.hoisted(() => ({ personId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ readSessionPersonId: async () => session.personId }));

import { authedAction, formDataToObject } from "@/lib/actions/action-client";
import { AppError } from "@/lib/errors";
import { useTestDb } from "../../support/test-db";
import { createOrgFixture } from "../org/org-fixture";
import { logger } from "@/lib/logging/logger";

useTestDb();
let org: Awaited<ReturnType<typeof createOrgFixture>>;
beforeAll(async () => {
  org = await createOrgFixture();
});

const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};

const schema = z.object({ title: z.string().min(3, "At least 3 characters"), count: z.coerce.number().int().positive() });
const seen: { input: unknown; personId: string }[] = [];
const rename = authedAction({ roles: ["manager", "admin"], schema }, async (input, person) => {
  seen.push({ input, personId: person.id });
  if (input.title === "taken") throw new AppError("conflict", "That title is taken.", 409, [{ path: "title", message: "Pick another title" }]);
  if (input.title === "crash") throw new Error("database password=secret exploded");
  return `Saved ${input.title}`;
});

describe("authedAction", () => {
  it("redirects to sign-in when nobody is signed in", async () => {
    session.personId = null;
    await expect(rename({}, form([["title", "abc"]]))).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin;/) });
  });

  it("refuses a person without the role, before parsing or running anything", async () => {
    session.personId = org.e1.id;
    const state = await rename({}, form([["title", "abcd"], ["count", "2"]]));
    expect(state).toMatchObject({ ok: false, message: expect.stringContaining("role") });
    expect(seen).toHaveLength(0);
  });

  it("returns field errors and echoes what was typed", async () => {
    session.personId = org.mid.id;
    const state = await rename({}, form([["title", "ab"], ["count", "-1"]]));
    expect(state.ok).toBe(false);
    expect(state.errors?.title).toEqual(["At least 3 characters"]);
    expect(state.errors?.count?.length).toBe(1);
    expect(state.values).toEqual({ title: "ab", count: "-1" });
  });

  it("runs the handler with parsed input and the person", async () => {
    session.personId = org.admin.id;
    const state = await rename({}, form([["title", "Quarterly"], ["count", "4"]]));
    expect(state).toEqual({ ok: true, message: "Saved Quarterly" });
    expect(seen.at(-1)).toEqual({ input: { title: "Quarterly", count: 4 }, personId: org.admin.id });
  });

  it("shows an AppError's message and field errors", async () => {
    const state = await rename({}, form([["title", "taken"], ["count", "1"]]));
    expect(state).toMatchObject({ ok: false, message: "That title is taken.", errors: { title: ["Pick another title"] }, values: { title: "taken" } });
  });

  it("hides unexpected errors behind a generic message with a reference", async () => {
    const log = vi.spyOn(logger, "error").mockImplementation(() => {});
    const state = await rename({}, form([["title", "crash"], ["count", "1"]]));
    expect(state.ok).toBe(false);
    expect(state.message).not.toContain("secret");
    const ref = state.message?.match(/reference: ([0-9a-f]{8})/)?.[1];
    expect(ref).toBeDefined();
    expect(JSON.stringify(log.mock.calls[0])).toContain(ref);
    log.mockRestore();
  });
});

describe("formDataToObject", () => {
  it("keeps single values as strings, repeated keys and x[] keys as arrays, and drops Next's fields", () => {
    const fd = form([["a", "1"], ["tags", "x"], ["tags", "y"], ["ids[]", "only"], ["$ACTION_ID_abc", ""]]);
    expect(formDataToObject(fd)).toEqual({ a: "1", tags: ["x", "y"], ids: ["only"] });
  });
});
