"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/actions/action-client";
import { approveRequest } from "@/lib/requests/approve-request";
import { rejectRequest } from "@/lib/requests/reject-request";
import { approveSchema, rejectSchema } from "@/lib/validation/request-decision";

export type DecisionOutcome = "approved" | "forwarded" | "rejected";

// A decided request leaves the queue, taking its form with it, so the outcome is shown on the page we
// return to. A decision that lost a race (conflict) stays on the form, which names who decided and how.
function backWithOutcome(input: { requestId: string; from?: "queue" | "request" }, outcome: DecisionOutcome): never {
  revalidatePath("/approvals");
  revalidatePath(`/requests/${input.requestId}`);
  redirect(input.from === "request" ? `/requests/${input.requestId}?done=${outcome}` : `/approvals?done=${outcome}`);
}

export const approveRequestAction = authedAction({ roles: ["manager", "legal"], schema: approveSchema }, async (input, person) => {
  const result = await approveRequest(person, input);
  backWithOutcome(input, result.status === "approved" ? "approved" : "forwarded");
});

export const rejectRequestAction = authedAction({ roles: ["manager", "legal"], schema: rejectSchema }, async (input, person) => {
  await rejectRequest(person, input);
  backWithOutcome(input, "rejected");
});
