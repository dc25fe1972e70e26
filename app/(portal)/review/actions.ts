"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { assignReviewItems, resolveReviewItemsInBulk } from "@/lib/review/assign-review-items";
import { recordReviewOutcome } from "@/lib/review/record-review-outcome";
import { assignItemSchema, bulkReviewSchema, reviewOutcomeSchema } from "@/lib/validation/review";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const bulkReviewAction = authedAction({ roles: ["legal"], schema: bulkReviewSchema }, async (input, person) => {
  const actor = { type: "user" as const, id: person.id };
  let message: string;
  if (input.action === "clear" || input.action === "escalate") {
    const r = await resolveReviewItemsInBulk(input.itemIds, input.action === "clear" ? "cleared" : "escalated", input.note, actor);
    message = `${input.action === "clear" ? "Cleared" : "Escalated"} ${plural(r.updated, "item")}${r.skipped ? `; ${r.skipped} no longer open were left alone` : ""}.`;
  } else {
    const assignee = input.action === "assign_me" ? person.id : input.action === "assign" ? input.assigneeId! : null;
    const r = await assignReviewItems(input.itemIds, assignee, actor);
    message = `${assignee ? "Assigned" : "Unassigned"} ${plural(r.updated, "item")}.`;
  }
  revalidatePath("/review");
  return message;
});

export const assignItemAction = authedAction({ roles: ["legal"], schema: assignItemSchema }, async (input, person) => {
  const assignee = input.assigneeId === "me" ? person.id : input.assigneeId || null;
  await assignReviewItems([input.itemId], assignee, { type: "user", id: person.id });
  revalidatePath(`/review/${input.itemId}`);
  return assignee ? "Assigned." : "Unassigned.";
});

export const recordOutcomeAction = authedAction({ roles: ["legal"], schema: reviewOutcomeSchema }, async (input, person) => {
  const r = await recordReviewOutcome(input, person);
  revalidatePath(`/review/${input.itemId}`);
  revalidatePath("/review");
  const parts = [`Recorded: ${input.outcome === "confirmed" ? "confirmed violation" : input.outcome}.`];
  if (r.managerNotified) parts.push("The manager was notified.");
  if (input.revokeGrants) parts.push(r.revokedGrantIds.length ? `Revoked ${plural(r.revokedGrantIds.length, "grant")}.` : "There were no live grants for this tool to revoke.");
  if (r.revokeFailures.length) parts.push(`Could not revoke ${r.revokeFailures.length}: ${r.revokeFailures.map((f) => f.reason).join(" ")}`);
  return parts.join(" ");
});
