"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/actions/action-client";
import { addComment } from "@/lib/requests/add-comment";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";
import { commentSchema } from "@/lib/validation/comment";
import { requestInputSchema } from "@/lib/validation/request-form";
import { withdrawSchema } from "@/lib/validation/request-decision";

export const submitRequestAction = authedAction({ schema: requestInputSchema }, async (input, person) => {
  const { id } = await submitRequest(person, input);
  revalidatePath("/requests");
  redirect(`/requests/${id}?done=filed`);
});

export const withdrawRequestAction = authedAction({ schema: withdrawSchema }, async (input, person) => {
  await withdrawRequest(person, input);
  revalidatePath("/requests");
  redirect(`/requests/${input.requestId}?done=withdrawn`);
});

export const addCommentAction = authedAction({ schema: commentSchema }, async (input, person) => {
  await addComment(person, input);
  revalidatePath(`/requests/${input.requestId}`);
  return "Comment added.";
});
