"use client";

import { useActionState } from "react";
import { FormMessage, TextAreaField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";

export function CommentForm({ requestId, action }: { requestId: string; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2" aria-label="Add a comment">
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField name="body" label="Add a comment" rows={2} defaultValue={state.ok ? "" : state.values?.body} errors={state.errors?.body} required />
      <FormMessage state={state} />
      <SubmitButton size="sm" pendingLabel="Posting…">
        Post comment
      </SubmitButton>
    </form>
  );
}
