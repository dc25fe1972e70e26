import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

// The session wrapper of the CSV and evidence downloads: one error shape for every failure, as the API's.
const session = vi.hoisted(() => ({ personId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ readSessionPersonId: async () => session.personId }));

import { prisma } from "@/lib/db/client";
import { withSession } from "@/lib/api/with-session";
import { AppError } from "@/lib/errors";
import { GET as evidenceCsv } from "@/app/api/evidence/events/route";
import { useTestDb } from "../../support/test-db";

useTestDb();
let engineerId: string;
let legalId: string;

beforeAll(async () => {
  engineerId = (await prisma.user.create({ data: { email: "eng@example.com", employeeId: "E1", name: "Eng", roles: ["engineer"] } })).id;
  legalId = (await prisma.user.create({ data: { email: "legal@example.com", employeeId: "L1", name: "Legal", roles: ["legal"] } })).id;
});

const schema = z.object({ day: z.iso.date("Use YYYY-MM-DD.") });
const route = withSession({ roles: ["legal"], forbidden: "Legal only." }, async (req) => {
  const day = req.nextUrl.searchParams.get("day");
  if (day === "boom") throw new Error("secret internals");
  if (day === "gone") throw new AppError("not_found", "No such day.", 404);
  schema.parse({ day });
  return new Response("ok");
});
const call = async (query = "") => route(new NextRequest(`http://localhost/x${query}`), undefined);

describe("withSession", () => {
  it("answers 401 without a session and 403 without the role, in the API error shape", async () => {
    session.personId = null;
    const anonymous = await call();
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in first.", fields: [] } });
    session.personId = engineerId;
    const engineer = await call();
    expect(engineer.status).toBe(403);
    expect(await engineer.json()).toEqual({ error: { code: "forbidden", message: "Legal only.", fields: [] } });
  });

  it("turns a ZodError into a 400 with field errors, an AppError into its status, anything else into a 500 without internals", async () => {
    session.personId = legalId;
    const bad = await call("?day=tomorrow");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "validation_failed", message: "The request has invalid fields.", fields: [{ path: "day", message: "Use YYYY-MM-DD." }] } });
    expect((await call("?day=gone")).status).toBe(404);
    const boom = await call("?day=boom");
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain("secret internals");
    expect(await (await call("?day=2026-11-01")).text()).toBe("ok");
  });

  it("guards the evidence CSV route", async () => {
    session.personId = engineerId;
    const res = await evidenceCsv(new NextRequest("http://localhost/api/evidence/events"), undefined);
    expect(res.status).toBe(403);
    session.personId = legalId;
    const ok = await evidenceCsv(new NextRequest("http://localhost/api/evidence/events?status=open"), undefined);
    expect(ok.status).toBe(200);
    expect((await ok.text()).split("\r\n")[0]).toMatch(/^externalId,occurredAt,/);
  });
});
