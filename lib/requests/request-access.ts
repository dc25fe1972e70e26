import "server-only";
import { canSeeUser, type Person } from "@/lib/auth/authorize";
import { forbiddenError, notFound } from "@/lib/errors";
import type { ApprovalStage } from "@/lib/generated/prisma/enums";
import { isInOrg } from "@/lib/org/org-tree";

export type Reviewer = Pick<Person, "id" | "name" | "roles">;

/** What the rules below need of a request: who asked, and who decided which stage so far. */
export type DecidableRequest = { requesterId: string; steps: { stage: ApprovalStage; actorId: string }[] };

const has = (person: Pick<Person, "roles">, role: Person["roles"][number]) => person.roles.includes(role);

/**
 * Separation of duties, whatever roles the reviewer holds: nobody decides their own request, and the legal
 * stage is decided by someone other than the manager who decided the manager stage (a person with both roles
 * cannot approve both). Pure, so the request page and the approvals queue show the same sentence the use
 * cases refuse with.
 */
export function separationOfDutiesRefusal(reviewerId: string, request: DecidableRequest, stage: ApprovalStage): string | null {
  if (reviewerId === request.requesterId) return "You cannot decide your own request; another reviewer has to.";
  if (stage === "legal" && request.steps.some((s) => s.stage === "manager" && s.actorId === reviewerId))
    return "You approved this request at the manager stage, so a different legal reviewer has to decide the legal stage.";
  return null;
}

/**
 * A request the reviewer cannot see reads exactly like a missing one (same error, same message), before
 * anything about its state is looked at.
 */
export async function assertMaySeeRequest(reviewer: Reviewer, requesterId: string): Promise<void> {
  if (!(await canSeeUser(reviewer, requesterId))) throw notFound("Request");
}

/**
 * Who may decide a request at a stage: at the manager stage a manager above the requester in the
 * reporting tree; at the legal stage a legal reviewer; in both cases within separation of duties.
 */
export async function assertMayReview(reviewer: Reviewer, request: DecidableRequest, stage: ApprovalStage): Promise<void> {
  const refusal = separationOfDutiesRefusal(reviewer.id, request, stage);
  if (refusal) throw forbiddenError(refusal);
  if (stage === "manager") {
    if (!has(reviewer, "manager")) throw forbiddenError("Only a manager can decide a request at the manager stage.");
    if (!(await isInOrg(reviewer.id, request.requesterId)))
      throw forbiddenError("This request comes from someone outside your org; only their own managers can decide it.");
    return;
  }
  if (!has(reviewer, "legal")) throw forbiddenError("Only legal reviewers can decide a request at the legal stage.");
}

/** Revoking a grant: legal and admin for anyone, managers for their org. */
export async function assertMayRevoke(actor: Reviewer, holderId: string): Promise<void> {
  if (has(actor, "legal") || has(actor, "admin")) return;
  if (has(actor, "manager") && actor.id !== holderId && (await isInOrg(actor.id, holderId))) return;
  throw forbiddenError("Only legal, an admin or the holder's managers can revoke this grant.");
}
