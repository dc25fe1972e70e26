import { beforeAll, describe, expect, it } from "vitest";
import { grantsToCsv } from "@/lib/grants/grants-csv";
import { countGrants, listGrants } from "@/lib/grants/list-grants";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { approveRequest } from "@/lib/requests/approve-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { countApprovalQueue, listApprovalQueue } from "@/lib/requests/list-approval-queue";
import { useTestDb } from "../../support/test-db";
import { asPerson, createWorkflowFixture, days, type Fixture } from "../requests/fixtures";

useTestDb();
let f: Fixture;
const form = (project: string, endsAt = days(20)) => ({
  tool: "codex",
  activity: "product-code",
  project,
  justification: "Needed for the quarterly migration of the service.",
  dataHandling: "Outputs stay in the repository and never reach training data.",
  startsAt: days(0),
  endsAt,
});

beforeAll(async () => {
  f = await createWorkflowFixture();
  // engineer: a live grant via manager + legal; peer: a grant that is then revoked; manager: own grant via director
  const e = await submitRequest(asPerson(f.people.engineer), form("ads-ranking"));
  await approveRequest(asPerson(f.people.manager), { requestId: e.id, validTo: days(10) });
  await approveRequest(asPerson(f.people.legal), { requestId: e.id, capOverrideTokens: 9_000_000 });
  const p = await submitRequest(asPerson(f.people.peer), form("internal-docs"));
  const { grantId } = await approveRequest(asPerson(f.people.manager), { requestId: p.id });
  await revokeGrant(asPerson(f.people.legal), { grantId: grantId!, reason: "=HYPERLINK(\"x\")" });
  const m = await submitRequest(asPerson(f.people.manager), form("internal-docs"));
  await approveRequest(asPerson(f.people.director), { requestId: m.id });
});

describe("tool-approval log", () => {
  it("scopes the log: legal and admin see all, a manager their org, an engineer nothing", async () => {
    expect(await listGrants(asPerson(f.people.legal), {})).toHaveLength(3);
    expect(await listGrants(asPerson(f.people.admin), {})).toHaveLength(3);
    const managerView = await listGrants(asPerson(f.people.manager), {});
    expect(managerView.map((g) => g.user.name).sort()).toEqual(["Engineer", "Peer"]);
    expect(await listGrants(asPerson(f.people.director), {})).toHaveLength(3);
    expect(await listGrants(asPerson(f.people.otherManager), {})).toHaveLength(0);
    expect(await listGrants(asPerson(f.people.engineer), {})).toHaveLength(0);
  });

  it("pages the log and counts every matching grant, so the page can say how many there are", async () => {
    const legal = asPerson(f.people.legal);
    expect(await countGrants(legal, {})).toBe(3);
    expect(await countGrants(asPerson(f.people.engineer), {})).toBe(0);
    expect(await listGrants(legal, {}, new Date(), 1)).toHaveLength(3);
    expect(await listGrants(legal, {}, new Date(), 2)).toHaveLength(0);
    expect(await countApprovalQueue(legal, "legal")).toBe((await listApprovalQueue(legal, "legal")).length);
  });

  it("filters by status, person and tool, and by the window computed at read time", async () => {
    const legal = asPerson(f.people.legal);
    expect((await listGrants(legal, { status: "revoked" })).map((g) => g.user.name)).toEqual(["Peer"]);
    expect((await listGrants(legal, { status: "live" })).map((g) => g.user.name).sort()).toEqual(["Engineer", "Manager"]);
    expect((await listGrants(legal, { person: "ENGINEER@example" })).length).toBe(1);
    expect(await listGrants(legal, { tool: "metacode" })).toHaveLength(0);
    // eleven days on, the engineer's shortened grant has expired without any job running
    expect((await listGrants(legal, { status: "expired" }, days(11))).map((g) => g.user.name)).toEqual(["Engineer"]);
    expect(await listGrants(legal, { from: days(15) })).toHaveLength(2);
  });

  it("exports CSV with approvers per stage, conditions and revocation, safe for spreadsheets", async () => {
    const csv = grantsToCsv(await listGrants(asPerson(f.people.legal), { person: "engineer" }));
    const [header, row, end] = csv.split("\r\n");
    expect(header.split(",")).toContain("legal_approver");
    expect(row).toContain(",Manager,");
    expect(row).toContain(",Legal,");
    expect(row).toContain("9000000");
    expect(row).toContain("Conditions: until");
    expect(end).toBe("");
    const revoked = grantsToCsv(await listGrants(asPerson(f.people.legal), { status: "revoked" }));
    expect(revoked).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("the approval queue shows a manager their org's pending requests oldest first, never their own", async () => {
    const first = await submitRequest(asPerson(f.people.engineer), form("internal-docs", days(5)));
    const second = await submitRequest(asPerson(f.people.peer), form("ads-ranking"));
    await submitRequest(asPerson(f.people.manager), form("ads-ranking"));
    const queue = await listApprovalQueue(asPerson(f.people.manager), "manager");
    expect(queue.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(queue[0].recentTokens).toBe(0);
    expect(await listApprovalQueue(asPerson(f.people.otherManager), "manager")).toHaveLength(0);
    expect(await listApprovalQueue(asPerson(f.people.legal), "manager")).toHaveLength(0);
    await approveRequest(asPerson(f.people.manager), { requestId: second.id });
    const legalQueue = await listApprovalQueue(asPerson(f.people.legal), "legal");
    expect(legalQueue.map((r) => r.id)).toEqual([second.id]);
    expect(legalQueue[0].clauses.map((c) => c.ref)).toEqual(["§3.2"]);
  });
});
