import "server-only";
import { prisma } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import type { ApprovalStage, StepDecision } from "@/lib/generated/prisma/enums";
import { notify } from "@/lib/notifications/notify";
import { evaluateRequestPolicy } from "@/lib/requests/evaluate-request-policy";
import { requestLink } from "@/lib/requests/describe-request";
import { notifyLegalReviewers, notifyManager } from "@/lib/requests/notify-reviewers";
import { openLegalRequestReviewItem } from "@/lib/review/open-review-items";
import type { PersonSeed } from "./org-data";
import { buildRequests, type RequestSeed } from "./requests-data";

const DAY_MS = 86_400_000;
const LEGAL_REVIEWER = "legal@example.com";

type Step = { stage: ApprovalStage; decision: StepDecision };

/** The approval steps a request in its state went through; throws when the story contradicts the workflow. */
function stepsFor(spec: RequestSeed, requiresLegal: boolean): Step[] {
  const approvedAll: Step[] = [{ stage: "manager", decision: "approved" }, ...(requiresLegal ? [{ stage: "legal" as const, decision: "approved" as const }] : [])];
  switch (spec.status) {
    case "pending_manager":
    case "withdrawn":
      return [];
    case "pending_legal":
      if (!requiresLegal) throw new Error(`Seed request ${spec.id} cannot wait for legal: its clauses do not call for legal review.`);
      return [{ stage: "manager", decision: "approved" }];
    case "rejected":
      if (spec.rejectedAt === "legal") {
        if (!requiresLegal) throw new Error(`Seed request ${spec.id} cannot be rejected by legal: it never reaches legal.`);
        return [{ stage: "manager", decision: "approved" }, { stage: "legal", decision: "rejected" }];
      }
      return [{ stage: "manager", decision: "rejected" }];
    case "approved":
    case "expired":
    case "revoked":
      return approvedAll;
  }
}

/** Creates the demo's exception requests with their steps, comments, grants and notifications; existing ones are left alone. */
export async function seedRequests(people: PersonSeed[], users: Map<string, string>, anchor: Date): Promise<number> {
  const specs = buildRequests(people);
  const existing = new Set((await prisma.exceptionRequest.findMany({ where: { id: { in: specs.map((s) => s.id) } }, select: { id: true } })).map((r) => r.id));
  const at = (daysAgo: number, plusHours = 0) => new Date(anchor.getTime() - daysAgo * DAY_MS + plusHours * 3_600_000);
  let created = 0;
  for (const spec of specs) {
    if (existing.has(spec.id)) continue;
    const requester = people.find((p) => p.email === spec.requester)!;
    const requesterId = users.get(requester.email)!;
    const managerId = users.get(requester.manager!)!;
    const legalId = users.get(LEGAL_REVIEWER)!;
    const createdAt = at(spec.createdDaysAgo);
    const answer = await evaluateRequestPolicy(requesterId, { tool: spec.tool, activity: spec.activity, project: spec.project ?? undefined }, createdAt);
    if (answer.kind !== "answer" || answer.decision.decision !== "require_exception") {
      throw new Error(`Seed request ${spec.id}: the policy does not ask for an exception here (${answer.kind === "answer" ? answer.decision.decision : answer.message}).`);
    }
    const steps = stepsFor(spec, answer.requiresLegal);
    // Reviewers act half a day apart, never after the anchor.
    const stepTimes = steps.map((_, i) => new Date(Math.min(createdAt.getTime() + (i + 1) * 12 * 3_600_000, anchor.getTime() - 3_600_000)));
    const decidedAt = ["pending_manager", "pending_legal"].includes(spec.status) ? null : (stepTimes.at(-1) ?? at(spec.createdDaysAgo - 1));
    const validFrom = at(-spec.window[0]);
    const validTo = at(-spec.window[1]);
    const link = requestLink(spec.id);
    const what = `${answer.tool.name} for ${answer.activity.name.toLowerCase()}${answer.project ? ` on ${answer.project.key}` : ""}`;

    await prisma.$transaction(async (tx: Tx) => {
      await tx.exceptionRequest.create({
        data: {
          id: spec.id,
          requesterId,
          toolId: answer.tool.id,
          activityId: answer.activity.id,
          projectId: answer.project?.id ?? null,
          justification: spec.justification,
          dataHandling: spec.dataHandling,
          startsAt: validFrom,
          endsAt: validTo,
          status: spec.status,
          requiresLegal: answer.requiresLegal,
          policyVersion: answer.policyVersion,
          ruleId: answer.decision.rule?.id ?? null,
          clauseIds: answer.decision.clauses.map((c) => c.id),
          version: 1 + steps.length + (["withdrawn", "expired", "revoked"].includes(spec.status) ? 1 : 0),
          createdAt,
          updatedAt: spec.revokedDaysAgo ? at(spec.revokedDaysAgo) : (decidedAt ?? createdAt),
          decidedAt,
        },
      });
      await tx.approvalStep.createMany({
        data: steps.map((s, i) => ({
          id: `${spec.id}-${s.stage}`,
          requestId: spec.id,
          stage: s.stage,
          decision: s.decision,
          actorId: s.stage === "manager" ? managerId : legalId,
          reason: i === steps.length - 1 ? (spec.decisionReason ?? null) : null,
          conditions: s.decision === "approved" && i === steps.length - 1 && spec.capOverrideTokens ? { capOverrideTokens: spec.capOverrideTokens } : undefined,
          createdAt: stepTimes[i],
        })),
      });
      await tx.requestComment.createMany({
        data: spec.comments.map((c, i) => ({
          id: `${spec.id}-comment-${i + 1}`,
          requestId: spec.id,
          authorId: c.by === "requester" ? requesterId : c.by === "manager" ? managerId : legalId,
          body: c.body,
          createdAt: at(c.daysAgo, 2 + i),
        })),
      });
      if (["approved", "expired", "revoked"].includes(spec.status)) {
        await tx.grant.create({
          data: {
            id: `${spec.id}-grant`,
            userId: requesterId,
            toolId: answer.tool.id,
            activityId: answer.activity.id,
            projectId: answer.project?.id ?? null,
            validFrom,
            validTo,
            requestId: spec.id,
            capOverrideTokens: spec.capOverrideTokens ? BigInt(spec.capOverrideTokens) : null,
            revokedAt: spec.revokedDaysAgo ? at(spec.revokedDaysAgo) : null,
            revokedById: spec.revokedDaysAgo ? legalId : null,
            revokeReason: spec.revokeReason ?? null,
            createdAt: decidedAt ?? createdAt,
          },
        });
      }
      await notifyAbout(tx, spec, { requesterId, managerId, name: requester.name, what, link });
    });
    created++;
  }
  return created;
}

async function notifyAbout(tx: Tx, spec: RequestSeed, n: { requesterId: string; managerId: string; name: string; what: string; link: string }) {
  if (spec.status === "pending_manager") {
    await notifyManager(tx, n.managerId, { title: `Approval needed: ${n.what}`, body: `${n.name} asks for an exception.`, link: n.link });
  } else if (spec.status === "pending_legal") {
    await openLegalRequestReviewItem(tx, spec.id, { type: "user", id: n.managerId });
    await notifyLegalReviewers(tx, { title: `Legal review needed: ${n.what}`, body: `${n.name}'s manager approved; the cited terms need Legal.`, link: n.link });
  } else if (spec.status === "approved" || spec.status === "rejected" || spec.status === "revoked") {
    const verb = spec.status === "approved" ? "approved" : spec.status === "rejected" ? "rejected" : "revoked";
    await notify(tx, { userId: n.requesterId, kind: `request.${verb}`, title: `Your request was ${verb}: ${n.what}`, body: spec.revokeReason ?? spec.decisionReason ?? "", link: n.link });
  }
}
