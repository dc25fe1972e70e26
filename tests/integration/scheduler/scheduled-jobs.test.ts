import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { releaseExpiredReservations } from "@/lib/caps/cap-usage";
import { expireGrants } from "@/lib/grants/expire-grants";
import { warnExpiringGrants } from "@/lib/grants/warn-expiring-grants";
import { writeOpsSettings } from "@/lib/notifications/ops-settings";
import { createWebhookEndpoint } from "@/lib/notifications/webhook-endpoints";
import { approveRequest } from "@/lib/requests/approve-request";
import { findLegalLead, remindStaleApprovals } from "@/lib/requests/remind-stale-approvals";
import { submitRequest } from "@/lib/requests/submit-request";
import { acquireLease, runDueJobs, type Job } from "@/lib/scheduler/scheduler";
import { useTestDb } from "../../support/test-db";
import { asPerson, createWorkflowFixture, days, type Fixture } from "../requests/fixtures";

// The scheduled jobs called directly with a fake clock (`now`), as the scheduler calls them.
useTestDb();
let f: Fixture;
let lead: { id: string };
const form = (project: string, endsAt = days(20)) => ({
  tool: "codex",
  activity: "product-code",
  project,
  justification: "Needed for the quarterly migration of the service.",
  dataHandling: "Outputs stay in the repository and never reach training data.",
  startsAt: days(0),
  endsAt,
});
const auditCount = (action: string, entityId?: string) => prisma.auditEntry.count({ where: { action, ...(entityId ? { entityId } : {}) } });
const inbox = (userId: string, kind: string) => prisma.notification.findMany({ where: { userId, kind }, select: { title: true, link: true } });

beforeAll(async () => {
  f = await createWorkflowFixture();
  lead = await prisma.user.create({ data: { email: "lead@example.com", employeeId: "LEAD", name: "Lead", roles: ["legal"] } });
  await createWebhookEndpoint({ type: "system", id: null }, { url: "http://127.0.0.1:9/unused", events: [] });
});

describe("grants: warned 7 days ahead, expired at their time", () => {
  it("warns the holder once, audited and published, then expires the grant", async () => {
    const r = await submitRequest(asPerson(f.people.peer), form("internal-docs", days(10)));
    const { grantId } = await approveRequest(asPerson(f.people.manager), { requestId: r.id });
    expect(await warnExpiringGrants(days(2))).toBe(0);
    expect(await warnExpiringGrants(days(3.5))).toBe(1);
    expect(await warnExpiringGrants(days(4))).toBe(0);
    expect(await inbox(f.people.peer.id, "grant.expiring")).toEqual([{ title: expect.stringMatching(/^Ends on \d{4}-\d\d-\d\d: Codex for Product code on internal-docs$/), link: `/requests/${r.id}` }]);
    expect(await auditCount("grant.expiry_warned", grantId!)).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { channel: "webhook", eventType: "grant.expiring" } })).toBe(1);

    expect(await expireGrants(days(9.9))).toBe(0);
    expect(await expireGrants(days(10.01))).toBe(1);
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("expired");
    expect(await expireGrants(days(11))).toBe(0);
  });
});

describe("approvals: reminder after N days, escalation after 2N, each audited once", () => {
  it("reminds the manager, then escalates to the manager's manager", async () => {
    await prisma.$transaction((tx) => writeOpsSettings(tx, { approvalReminderDays: "3" }));
    const r = await submitRequest(asPerson(f.people.engineer), form("internal-docs"));
    expect(await remindStaleApprovals(days(2.9))).toEqual({ reminded: 0, escalated: 0 });
    expect(await remindStaleApprovals(days(3.1))).toEqual({ reminded: 1, escalated: 0 });
    expect(await remindStaleApprovals(days(3.2))).toEqual({ reminded: 0, escalated: 0 });
    expect(await inbox(f.people.manager.id, "request.reminder")).toHaveLength(1);
    expect(await remindStaleApprovals(days(6.1))).toEqual({ reminded: 0, escalated: 1 });
    expect(await remindStaleApprovals(days(9))).toEqual({ reminded: 0, escalated: 0 });
    expect(await inbox(f.people.director.id, "request.escalation")).toEqual([{ title: expect.stringMatching(/^Escalated to you after 6 days: /), link: `/requests/${r.id}` }]);
    expect(await auditCount("request.reminder_sent", r.id)).toBe(1);
    expect(await auditCount("request.escalated", r.id)).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { eventType: "request.waiting", payload: { path: ["data", "requestId"], equals: r.id } } })).toBe(2);
    await approveRequest(asPerson(f.people.manager), { requestId: r.id });
  });

  it("legal-stage requests remind the legal reviewers and escalate to the legal lead named in the settings", async () => {
    await prisma.$transaction((tx) => writeOpsSettings(tx, { legalLeadEmail: "lead@example.com" }));
    expect((await findLegalLead())?.id).toBe(lead.id);
    const r = await submitRequest(asPerson(f.people.peer), form("ads-ranking"));
    await approveRequest(asPerson(f.people.manager), { requestId: r.id });
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("pending_legal");
    const round = await remindStaleApprovals(days(7));
    // This request is reminded and escalated in one run (it waited 2N days).
    expect(round.reminded).toBeGreaterThanOrEqual(1);
    expect(await inbox(f.people.legal.id, "request.reminder")).toEqual([expect.objectContaining({ link: `/requests/${r.id}` })]);
    expect(await inbox(lead.id, "request.escalation")).toEqual([expect.objectContaining({ link: `/requests/${r.id}` })]);
    expect(await auditCount("request.escalated", r.id)).toBe(1);
    await remindStaleApprovals(days(8));
    expect(await auditCount("request.escalated", r.id)).toBe(1);
    expect(await auditCount("request.reminder_sent", r.id)).toBe(1);
  });

  it("without the setting, the legal lead is the longest-serving legal reviewer", async () => {
    await prisma.$transaction((tx) => writeOpsSettings(tx, { legalLeadEmail: "" }));
    expect((await findLegalLead())?.id).toBe(f.people.legal.id);
  });
});

describe("cap reservations", () => {
  it("releases reservations past their expiry and gives the tokens back", async () => {
    const userId = f.people.peer.id;
    const period = "2026-11";
    await prisma.capUsage.create({ data: { userId, period, reservedTokens: 1500n } });
    const base = new Date("2026-11-10T12:00:00Z");
    await prisma.capReservation.createMany({
      data: [
        { userId, period, tokens: 1000n, toolId: f.tools.codex.id, expiresAt: new Date(base.getTime() + 60_000) },
        { userId, period, tokens: 500n, toolId: f.tools.codex.id, expiresAt: new Date(base.getTime() + 600_000) },
      ],
    });
    expect(await releaseExpiredReservations(prisma, base)).toBe(0);
    expect(await releaseExpiredReservations(prisma, new Date(base.getTime() + 120_000))).toBe(1);
    expect((await prisma.capUsage.findUniqueOrThrow({ where: { userId_period: { userId, period } } })).reservedTokens).toBe(500n);
    // A released reservation is gone (the table holds open ones only), so a later sweep cannot give it back twice.
    expect((await prisma.capReservation.findMany({ where: { userId } })).map((r) => Number(r.tokens))).toEqual([500]);
    expect(await releaseExpiredReservations(prisma, new Date(base.getTime() + 120_000))).toBe(0);
  });
});

describe("scheduler: one runner across workers", () => {
  it("only the lease holder runs jobs; another worker takes over when the lease lapses; jobs keep their interval", async () => {
    const runs: string[] = [];
    const jobs: Job[] = [{ name: "test-job", everyMs: 60_000, run: async () => void runs.push("ran") }];
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await runDueJobs("worker-a", t0, jobs)).toEqual(["test-job"]);
    expect(await runDueJobs("worker-b", new Date(t0.getTime() + 70_000), jobs)).toEqual([]);
    expect(await runDueJobs("worker-a", new Date(t0.getTime() + 30_000), jobs)).toEqual([]);
    expect(await runDueJobs("worker-a", new Date(t0.getTime() + 61_000), jobs)).toEqual(["test-job"]);
    // worker-a stops renewing: after its lease (90 s from its last tick) worker-b takes over.
    expect(await acquireLease("worker-b", new Date(t0.getTime() + 61_000 + 89_000))).toBe(false);
    expect(await runDueJobs("worker-b", new Date(t0.getTime() + 61_000 + 91_000), jobs)).toEqual(["test-job"]);
    expect(await acquireLease("worker-a", new Date(t0.getTime() + 61_000 + 92_000))).toBe(false);
    expect(runs).toHaveLength(3);
  });

  it("records a failing job and carries on with the next", async () => {
    const jobs: Job[] = [
      { name: "fails", everyMs: 1, run: async () => { throw new Error("nope"); } },
      { name: "works", everyMs: 1, run: async () => undefined },
    ];
    const now = new Date("2031-01-01T00:00:00Z");
    expect(await runDueJobs("worker-c", now, jobs)).toEqual(["fails", "works"]);
    expect((await prisma.scheduledJobRun.findUniqueOrThrow({ where: { name: "fails" } })).lastError).toBe("nope");
  });
});

describe("notification settings", () => {
  it("accept only an active legal reviewer as legal lead, and audit the Slack URL as set/removed, never its value", async () => {
    const { saveOpsSettings } = await import("@/lib/notifications/webhook-endpoints");
    const admin = { type: "user" as const, id: f.people.admin.id };
    await expect(saveOpsSettings(admin, { legalLeadEmail: "engineer@example.com" })).rejects.toMatchObject({ fields: [{ path: "legalLeadEmail" }] });
    await saveOpsSettings(admin, { legalLeadEmail: "LEAD@example.com", slackWebhookUrl: "https://hooks.slack.com/services/T0/B0/secret" });
    expect((await findLegalLead())?.id).toBe(lead.id);
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "settings.updated" }, orderBy: { seq: "desc" } });
    expect(entry.data).toMatchObject({ slackWebhook: "set", legalLeadEmail: "LEAD@example.com" });
    expect(JSON.stringify(entry.data)).not.toContain("secret");
  });
});
