import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { approveRequest } from "@/lib/requests/approve-request";
import { listApprovalQueue } from "@/lib/requests/list-approval-queue";
import { rejectRequest } from "@/lib/requests/reject-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { useTestDb } from "../../support/test-db";
import { asPerson, createWorkflowFixture, days, type Fixture } from "./fixtures";

// Findings 3 and 5 of issue 15: one person with the manager and legal roles approved both stages; and the
// refusals of approve/reject told a manager of another org the status and names on requests they cannot see.
useTestDb();
let f: Fixture;
let dual: Awaited<ReturnType<typeof prisma.user.create>>;
let report: Awaited<ReturnType<typeof prisma.user.create>>;
let otherOrgManager: Awaited<ReturnType<typeof prisma.user.create>>;
beforeAll(async () => {
  f = await createWorkflowFixture();
  dual = await prisma.user.create({ data: { email: "dual@example.com", employeeId: "E-DUAL", name: "Dana Dual", roles: ["manager", "legal"] } });
  report = await prisma.user.create({ data: { email: "report@example.com", employeeId: "E-REPORT", name: "Rory Report", roles: ["engineer"], managerId: dual.id } });
  // Heads another org: nobody in the fixture's org reports to them.
  otherOrgManager = await prisma.user.create({ data: { email: "elsewhere@example.com", employeeId: "E-ELSE", name: "Elsa Elsewhere", roles: ["manager", "engineer"] } });
  await prisma.user.create({ data: { email: "theirs@example.com", employeeId: "E-THEIRS", name: "Theo Theirs", roles: ["engineer"], managerId: otherOrgManager.id } });
});

const form = (project = "ads-ranking") => ({
  tool: "codex",
  activity: "product-code",
  project,
  justification: "Migrating the ranking feature store needs Codex for boilerplate.",
  dataHandling: "Outputs stay in the ads-ranking repo, never in any training corpus.",
  startsAt: days(0),
  endsAt: days(30),
});

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("separation of duties", () => {
  it("the person who approved the manager stage cannot decide the legal stage; another legal reviewer can", async () => {
    const { id } = await submitRequest(asPerson(report), form());
    expect((await approveRequest(asPerson(dual), { requestId: id })).status).toBe("pending_legal");

    const approve = await errorOf(approveRequest(asPerson(dual), { requestId: id }));
    expect(approve.code).toBe("forbidden");
    expect(approve.message).toBe("You approved this request at the manager stage, so a different legal reviewer has to decide the legal stage.");
    expect((await errorOf(rejectRequest(asPerson(dual), { requestId: id, reason: "no" }))).code).toBe("forbidden");
    expect(await prisma.approvalStep.count({ where: { requestId: id } })).toBe(1);

    // The legal queue still lists it for them, saying why they cannot act.
    const queue = await listApprovalQueue(asPerson(dual), "legal");
    expect(queue.find((r) => r.id === id)?.refusal).toBe(approve.message);
    expect((await listApprovalQueue(asPerson(f.people.legal), "legal")).find((r) => r.id === id)?.refusal).toBeNull();

    expect((await approveRequest(asPerson(f.people.legal), { requestId: id })).status).toBe("approved");
  });

  it("the requester never decides their own request, at either stage", async () => {
    const legalManager = await prisma.user.create({
      data: { email: "lm@example.com", employeeId: "E-LM", name: "Lee Legal", roles: ["legal", "engineer"], managerId: f.people.manager.id },
    });
    const { id } = await submitRequest(asPerson(legalManager), form());
    await approveRequest(asPerson(f.people.manager), { requestId: id });
    const own = await errorOf(approveRequest(asPerson(legalManager), { requestId: id }));
    expect(own.code).toBe("forbidden");
    expect(own.message).toContain("your own request");
    expect((await listApprovalQueue(asPerson(legalManager), "legal")).some((r) => r.id === id)).toBe(false);
  });
});

describe("approve and reject: what the caller cannot see is not found", () => {
  it("a manager of another org learns nothing about a request, whatever its state", async () => {
    const missing = await errorOf(approveRequest(asPerson(otherOrgManager), { requestId: "00000000-0000-0000-0000-000000000000" }));
    expect(missing).toMatchObject({ code: "not_found", message: "Request not found." });

    const pending = await submitRequest(asPerson(f.people.engineer), form("internal-docs"));
    const decided = await submitRequest(asPerson(f.people.peer), form("internal-docs"));
    await rejectRequest(asPerson(f.people.manager), { requestId: decided.id, reason: "Use MetaCode for this." });

    for (const id of [pending.id, decided.id]) {
      for (const attempt of [
        () => approveRequest(asPerson(otherOrgManager), { requestId: id }),
        () => approveRequest(asPerson(otherOrgManager), { requestId: id, version: 1 }),
        () => rejectRequest(asPerson(otherOrgManager), { requestId: id, reason: "no" }),
      ]) {
        const e = await errorOf(attempt());
        expect({ code: e.code, message: e.message, status: e.status }).toEqual({ code: missing.code, message: missing.message, status: missing.status });
      }
    }
    // An engineer (no reviewer role, sees only their own) gets the same answer.
    expect((await errorOf(approveRequest(asPerson(f.people.peer), { requestId: pending.id }))).code).toBe("not_found");
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("pending_manager");
  });

  it("someone who can see the request still gets the state conflict (they can read the page anyway)", async () => {
    const { id } = await submitRequest(asPerson(f.people.engineer), form("internal-docs"));
    await rejectRequest(asPerson(f.people.manager), { requestId: id, reason: "Not now." });
    const late = await errorOf(approveRequest(asPerson(f.people.director), { requestId: id }));
    expect(late.code).toBe("conflict");
  });
});
