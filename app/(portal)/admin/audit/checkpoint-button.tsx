"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";
import { publishCheckpointAction } from "./actions";

export function CheckpointButton() {
  const [state, action] = useActionState<ActionState, FormData>(publishCheckpointAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <SubmitButton variant="secondary" pendingLabel="Signing…">
        Publish checkpoint now
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
