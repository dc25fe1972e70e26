import "server-only";
import type { Person } from "@/lib/auth/authorize";
import { hasRole } from "@/lib/auth/roles";
import { forbiddenError } from "@/lib/errors";
import type { ApprovalStage } from "@/lib/generated/prisma/enums";
import { isInOrg } from "@/lib/org/org-tree";

export type Reviewer = Pick<Person, "id" | "name" | "roles">;


/**
 * Who may decide a request at a stage: at the manager stage a manager above the requester in the
 * reporting tree; at the legal stage a legal reviewer. Nobody decides their own request.
 */
export async function assertMayReview(reviewer: Reviewer, requesterId: string, stage: ApprovalStage): Promise<void> {
  if (reviewer.id === requesterId) throw forbiddenError("You cannot decide your own request; another reviewer has to.");
  if (stage === "manager") {
    if (!hasRole(reviewer, "manager")) throw forbiddenError("Only a manager can decide a request at the manager stage.");
    if (!(await isInOrg(reviewer.id, requesterId)))
      throw forbiddenError("This request comes from someone outside your org; only their own managers can decide it.");
    return;
  }
  if (!hasRole(reviewer, "legal")) throw forbiddenError("Only legal reviewers can decide a request at the legal stage.");
}

/** Revoking a grant: legal and admin for anyone, managers for their org. */
export async function assertMayRevoke(actor: Reviewer, holderId: string): Promise<void> {
  if (hasRole(actor, "legal") || hasRole(actor, "admin")) return;
  if (hasRole(actor, "manager") && actor.id !== holderId && (await isInOrg(actor.id, holderId))) return;
  throw forbiddenError("Only legal, an admin or the holder's managers can revoke this grant.");
}
