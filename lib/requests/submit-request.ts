import "server-only";
import type { Person } from "@/lib/auth/authorize";
import { appendAudit } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RequestInput } from "@/lib/validation/request-form";
import { citeClauses, evaluateRequestPolicy, fieldForReason } from "./evaluate-request-policy";
import { describeRequest, requestLink } from "./describe-request";
import { notifyManager } from "./notify-reviewers";

/**
 * Files an exception request. Only combinations the policy answers with "require an exception" can be
 * filed: a prohibited one is refused with the clause and the in-house alternative, an allowed one needs
 * no request. The request records the policy version, rule and clauses it was judged under.
 */
export async function submitRequest(person: Pick<Person, "id" | "name" | "managerId">, input: RequestInput, now = new Date()): Promise<{ id: string }> {
  const answer = await evaluateRequestPolicy(person.id, input, now);
  if (answer.kind === "unknown") {
    throw new AppError("validation", answer.message, 400, answer.field === "person" ? [] : [{ path: answer.field, message: answer.message }]);
  }
  const { decision } = answer;
  const reason = decision.reasons[0];
  if (decision.decision === "deny") {
    const cited = decision.clauses.length ? ` (${citeClauses(decision.clauses)})` : "";
    const alternative =
      answer.internalTool && answer.tool.kind === "external" ? ` Use ${answer.internalTool.name} (${answer.internalTool.slug}), the in-house assistant, instead.` : "";
    const message = `This cannot be requested: ${reason.message}${cited}.${alternative}`.replace(/\.\.(?=\s|$)/g, ".");
    throw new AppError("prohibited", message, 422, [{ path: fieldForReason(reason.code), message: "Prohibited: no exception can allow this." }]);
  }
  if (decision.decision === "allow") {
    throw new AppError("not_needed", `No exception needed: ${reason.message} You can go ahead without a request.`, 422);
  }
  if (answer.existingGrant && answer.existingGrant.validTo >= input.endsAt) {
    throw new AppError(
      "already_granted",
      `You already hold an approved exception for this until ${answer.existingGrant.validTo.toISOString().slice(0, 10)}; it covers the whole window you asked for.`,
      409,
    );
  }

  const request = await prisma.$transaction(async (tx) => {
    const created = await tx.exceptionRequest.create({
      data: {
        requesterId: person.id,
        toolId: answer.tool.id,
        activityId: answer.activity.id,
        projectId: answer.project?.id ?? null,
        justification: input.justification,
        dataHandling: input.dataHandling,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        requiresLegal: answer.requiresLegal,
        policyVersion: answer.policyVersion,
        ruleId: decision.rule?.id ?? null,
        clauseIds: decision.clauses.map((c) => c.id),
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: { type: "user", id: person.id },
      action: "request.submitted",
      entityType: "exception_request",
      entityId: created.id,
      data: {
        tool: answer.tool.slug,
        activity: answer.activity.slug,
        project: answer.project?.key ?? null,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        requiresLegal: answer.requiresLegal,
        policyVersion: answer.policyVersion,
        ruleId: decision.rule?.id ?? null,
        clauseIds: decision.clauses.map((c) => c.id),
      },
    });
    const what = describeRequest({ tool: answer.tool, activity: answer.activity, project: answer.project });
    await notifyManager(tx, person.managerId, {
      title: `Approval needed: ${what}`,
      body: `${person.name} asks for an exception from ${input.startsAt.toISOString().slice(0, 10)} to ${input.endsAt.toISOString().slice(0, 10)}.`,
      link: requestLink(created.id),
    });
    return created;
  });
  return request;
}
