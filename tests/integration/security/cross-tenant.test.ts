import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Tampered ids through the public boundaries (pages, server actions, CSV routes), as the signed-in person:
// only the session cookie is replaced, everything else is the real code against the test database.
const session = vi.hoisted(() => ({ personId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ readSessionPersonId: async () => session.personId }));
// Outside a Next request there is no cache to revalidate; the actions' own outcome is what is checked.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { prisma } from "@/lib/db/client";
import { approveRequest } from "@/lib/requests/approve-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import RequestPage from "@/app/(portal)/requests/[id]/page";
import { addCommentAction, withdrawRequestAction } from "@/app/(portal)/requests/actions";
import { approveRequestAction, rejectRequestAction } from "@/app/(portal)/approvals/actions";
import { revokeGrantAction } from "@/app/(portal)/grants/actions";
import { markReadAction } from "@/app/(portal)/inbox/actions";
import { GET as reportCsv } from "@/app/api/reports/[report]/[table]/route";
import { GET as grantsCsv } from "@/app/(portal)/grants/export/route";
import { useTestDb } from "../../support/test-db";
import { asPerson, createWorkflowFixture, days, type Fixture } from "../requests/fixtures";

useTestDb();
let f: Fixture;
let outsider: { id: string; email: string };
let engineerRequest: string;
let managerOwnRequest: string;
let outsiderRequest: string;
let grantId: string;

const requestForm = {
  tool: "codex",
  activity: "product-code",
  project: "internal-docs",
  justification: "Generating boilerplate for the docs site build tooling.",
  dataHandling: "Outputs stay in the docs repository and never enter a training corpus.",
};

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  f = await createWorkflowFixture();
  const alpha = await prisma.team.create({ data: { slug: "alpha", name: "Alpha" } });
  const beta = await prisma.team.create({ data: { slug: "beta", name: "Beta" } });
  await prisma.user.updateMany({ where: { id: { in: [f.people.manager.id, f.people.engineer.id, f.people.peer.id] } }, data: { teamId: alpha.id } });
  await prisma.user.update({ where: { id: f.people.otherManager.id }, data: { teamId: beta.id } });
  outsider = await prisma.user.create({
    data: { email: "outsider@example.com", employeeId: "OUTSIDER", name: "Outsider", roles: ["engineer"], managerId: f.people.otherManager.id, teamId: beta.id },
  });
  const window = { startsAt: days(0), endsAt: days(30) };
  engineerRequest = (await submitRequest(asPerson(f.people.engineer), { ...requestForm, ...window })).id;
  managerOwnRequest = (await submitRequest(asPerson(f.people.manager), { ...requestForm, ...window })).id;
  outsiderRequest = (await submitRequest({ id: outsider.id, name: outsider.email, managerId: f.people.otherManager.id }, { ...requestForm, ...window })).id;
  // An approved request in the manager's org, so there is a grant to try to revoke.
  const granted = (await submitRequest(asPerson(f.people.peer), { ...requestForm, ...window })).id;
  await approveRequest(asPerson(f.people.manager), { requestId: granted });
  const row = await prisma.grant.findFirst({ where: { requestId: granted } });
  if (!row) {
    const r = await prisma.exceptionRequest.findUniqueOrThrow({ where: { id: granted } });
    if (r.status === "pending_legal") await approveRequest(asPerson(f.people.legal), { requestId: granted });
  }
  grantId = (await prisma.grant.findFirstOrThrow({ where: { requestId: granted } })).id;
  const event = (id: string, user: string) => ({
    id, occurredAt: new Date().toISOString(), user, tool: "metacode", project: "internal-docs", activity: "documentation", inputTokens: 10, outputTokens: 5,
  });
  const ingest = await ingestUsageEvents([event("ct-1", "peer@example.com"), event("ct-2", outsider.email)]);
  expect(ingest.accepted).toBe(2);
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
async function pageOutcome(id: string): Promise<string> {
  try {
    await RequestPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) });
    return "ok";
  } catch (e) {
    return String((e as { digest?: unknown }).digest ?? e);
  }
}
const statusOf = async (id: string) => (await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } })).status;

describe("a request outside one's scope reads as missing", () => {
  it("the requester, their manager chain, legal and admin open it; a peer and another org's manager get 404", async () => {
    const cases: [string, string][] = [
      [f.people.engineer.id, "ok"],
      [f.people.manager.id, "ok"],
      [f.people.director.id, "ok"],
      [f.people.legal.id, "ok"],
      [f.people.admin.id, "ok"],
      [f.people.peer.id, "NEXT_HTTP_ERROR_FALLBACK;404"],
      [f.people.otherManager.id, "NEXT_HTTP_ERROR_FALLBACK;404"],
    ];
    for (const [person, want] of cases) {
      as(person);
      expect(await pageOutcome(engineerRequest), person).toBe(want);
    }
    as(f.people.manager.id);
    expect(await pageOutcome(outsiderRequest)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });
});

describe("forms posted with someone else's id change nothing", () => {
  it("a manager cannot approve or reject a request outside their org", async () => {
    as(f.people.manager.id);
    const approve = await approveRequestAction({}, form({ requestId: outsiderRequest }));
    const reject = await rejectRequestAction({}, form({ requestId: outsiderRequest, reason: "Trying to reject someone else's request." }));
    expect(approve.ok).toBe(false);
    expect(reject.ok).toBe(false);
    expect(await statusOf(outsiderRequest)).toBe("pending_manager");
  });

  it("nobody approves their own request, not even a manager", async () => {
    as(f.people.manager.id);
    const result = await approveRequestAction({}, form({ requestId: managerOwnRequest }));
    expect(result.ok).toBe(false);
    expect(await statusOf(managerOwnRequest)).toBe("pending_manager");
  });

  it("an engineer cannot withdraw or comment on a peer's request", async () => {
    as(f.people.peer.id);
    expect((await withdrawRequestAction({}, form({ requestId: engineerRequest }))).ok).toBe(false);
    expect((await addCommentAction({}, form({ requestId: engineerRequest, body: "Peeking at a peer's request." }))).ok).toBe(false);
    expect(await statusOf(engineerRequest)).toBe("pending_manager");
    expect(await prisma.requestComment.count({ where: { requestId: engineerRequest } })).toBe(0);
  });

  it("another org's manager cannot revoke a grant in this org", async () => {
    as(f.people.otherManager.id);
    expect((await revokeGrantAction({}, form({ grantId, reason: "Revoking a grant outside my org." }))).ok).toBe(false);
    expect((await prisma.grant.findUniqueOrThrow({ where: { id: grantId } })).revokedAt).toBeNull();
  });

  it("marking someone else's notification read touches nothing", async () => {
    const theirs = await prisma.notification.findFirstOrThrow({ where: { userId: { not: f.people.peer.id } } });
    as(f.people.peer.id);
    await markReadAction({}, form({ notificationId: theirs.id }));
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });
});

describe("exports stay inside the org", () => {
  it("a manager's org CSV leaves out people of other orgs, even when another team is named", async () => {
    as(f.people.manager.id);
    for (const query of ["", "?team=beta"]) {
      const res = await reportCsv(new NextRequest(`http://localhost/api/reports/org/daily-rows${query}`), { params: Promise.resolve({ report: "org", table: "daily-rows" }) });
      expect(res.status).toBe(200);
      const csv = await res.text();
      expect(csv).toContain("peer@example.com");
      expect(csv).not.toContain(outsider.email);
    }
  });

  it("another org's manager does not see this org's grants in the tool-approval log export", async () => {
    as(f.people.otherManager.id);
    const csv = await (await grantsCsv(new NextRequest("http://localhost/grants/export"), { params: Promise.resolve({}) })).text();
    expect(csv).not.toContain("peer@example.com");
    expect(csv).not.toContain(grantId);
    as(f.people.manager.id);
    expect(await (await grantsCsv(new NextRequest("http://localhost/grants/export"), { params: Promise.resolve({}) })).text()).toMatch(/Peer|peer@example\.com/);
  });
});
