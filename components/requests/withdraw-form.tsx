"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";

export function WithdrawForm({ requestId, version, action }: { requestId: string; version: number; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className="space-y-2"
      onSubmit={(e) => {
        if (!window.confirm("Withdraw this request? Reviewers will no longer see it.")) e.preventDefault();
      }}
    >
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Withdrawing…">
        Withdraw request
      </SubmitButton>
    </form>
  );
}
