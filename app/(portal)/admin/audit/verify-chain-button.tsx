"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";
import { verifyChainAction } from "./actions";

export function VerifyChainButton() {
  const [state, action] = useActionState<ActionState, FormData>(verifyChainAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <SubmitButton variant="secondary" pendingLabel="Verifying…">
        Verify chain
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
