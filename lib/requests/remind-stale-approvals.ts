import "server-only";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { prisma } from "@/lib/db/client";
import { notify } from "@/lib/notifications/notify";
import { readOpsSettings } from "@/lib/notifications/ops-settings";
import { publishEvent } from "@/lib/notifications/outbox";
import { describeRequest, requestLink } from "./describe-request";

const DAY_MS = 86_400_000;

/**
 * The legal lead: the active legal reviewer named by the legalLeadEmail setting, or else the longest-serving
 * active legal reviewer (first created). Escalations of legal-stage requests go to them.
 */
export async function findLegalLead(db: Tx | typeof prisma = prisma): Promise<{ id: string; name: string } | null> {
  const { legalLeadEmail } = await readOpsSettings(db);
  // Raw on purpose: `roles: { has: "legal" }` on an enum array fails on the PGlite adapter.
  const rows = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "User" WHERE "active" AND 'legal'::"Role" = ANY("roles")
    ORDER BY (lower("email") = lower(${legalLeadEmail ?? ""})) DESC, "createdAt", "id" LIMIT 1`;
  return rows[0] ?? null;
}

async function legalReviewerIds(tx: Tx, exclude: string[]): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "active" AND 'legal'::"Role" = ANY("roles") ORDER BY "id"`;
  return rows.map((r) => r.id).filter((id) => !exclude.includes(id));
}

export type ReminderRound = { reminded: number; escalated: number };

/**
 * For requests waiting at a stage longer than the approvalReminderDays setting (N): after N days the
 * approvers get a reminder; after 2N days the request is escalated: a manager-stage request to the
 * approving manager's own manager, a legal-stage request to the legal lead. Each step is notified and
 * audited once per request and stage (dedup keys make a re-run a no-op). Returns what it did.
 */
export async function remindStaleApprovals(now = new Date()): Promise<ReminderRound> {
  const { approvalReminderDays: days } = await readOpsSettings();
  const remindBefore = new Date(now.getTime() - days * DAY_MS);
  const waiting = await prisma.exceptionRequest.findMany({
    where: { status: { in: ["pending_manager", "pending_legal"] }, updatedAt: { lte: remindBefore } },
    select: {
      id: true,
      status: true,
      updatedAt: true,
      requesterId: true,
      requester: { select: { name: true, managerId: true, manager: { select: { id: true, active: true, managerId: true, manager: { select: { id: true, active: true } } } } } },
      tool: { select: { name: true } },
      activity: { select: { name: true } },
      project: { select: { key: true } },
      steps: { select: { actorId: true } },
    },
    orderBy: { updatedAt: "asc" },
    take: 500,
  });
  const round: ReminderRound = { reminded: 0, escalated: 0 };
  for (const r of waiting) {
    const waitedDays = Math.floor((now.getTime() - r.updatedAt.getTime()) / DAY_MS);
    const what = describeRequest(r);
    const link = requestLink(r.id);
    const stage = r.status === "pending_manager" ? "manager" : "legal";
    await prisma.$transaction(async (tx) => {
      const exclude = [r.requesterId, ...r.steps.map((s) => s.actorId)];
      const approvers =
        stage === "manager" ? (r.requester.manager?.active ? [r.requester.manager.id] : []) : await legalReviewerIds(tx, exclude);
      if (await sendOnce(tx, "reminder", approvers, { r, stage, waitedDays, what, link, now })) round.reminded++;
      if (now.getTime() - r.updatedAt.getTime() < 2 * days * DAY_MS) return;
      let target: string | null = null;
      if (stage === "manager") {
        const up = r.requester.manager?.manager;
        target = up?.active && !exclude.includes(up.id) ? up.id : null;
      } else {
        const lead = await findLegalLead(tx);
        target = lead && !exclude.includes(lead.id) ? lead.id : null;
      }
      if (target && (await sendOnce(tx, "escalation", [target], { r, stage, waitedDays, what, link, now }))) round.escalated++;
    });
  }
  return round;
}

type StepContext = { r: { id: string; status: string; requester: { name: string } }; stage: string; waitedDays: number; what: string; link: string; now: Date };

/** Notifies each recipient once for this request, stage and step; audits and publishes only when something was new. */
async function sendOnce(tx: Tx, step: "reminder" | "escalation", recipients: string[], c: StepContext): Promise<boolean> {
  const sentTo: string[] = [];
  for (const userId of recipients) {
    const id = await notify(tx, {
      userId,
      kind: `request.${step}`,
      title: step === "reminder" ? `Waiting on you for ${c.waitedDays} days: ${c.what}` : `Escalated to you after ${c.waitedDays} days: ${c.what}`,
      body:
        step === "reminder"
          ? `${c.r.requester.name}'s request has waited ${c.waitedDays} days for the ${c.stage} decision.`
          : `${c.r.requester.name}'s request has waited ${c.waitedDays} days for the ${c.stage} decision and is escalated to you.`,
      link: c.link,
      dedupKey: `approval-${step}:${c.r.id}:${c.r.status}:${userId}`,
    });
    if (id) sentTo.push(userId);
  }
  if (!sentTo.length) return false;
  await appendAudit(tx, {
    actor: SYSTEM_ACTOR,
    action: step === "reminder" ? "request.reminder_sent" : "request.escalated",
    entityType: "exception_request",
    entityId: c.r.id,
    data: { stage: c.stage, waitedDays: c.waitedDays, to: sentTo },
  });
  await publishEvent(tx, {
    type: "request.waiting",
    summary: `${step === "reminder" ? "Reminder" : "Escalated"}: ${c.r.requester.name}'s request (${c.what}) has waited ${c.waitedDays} days for the ${c.stage} decision`,
    link: c.link,
    data: { requestId: c.r.id, stage: c.stage, step, waitedDays: c.waitedDays, recipients: sentTo },
  }, c.now);
  return true;
}
