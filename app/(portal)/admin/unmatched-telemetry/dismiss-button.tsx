"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { dismissUnmatchedAction } from "./actions";

export function DismissButton({ id, value }: { id: string; value: string }) {
  const [state, action] = useActionState(dismissUnmatchedAction, {});
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" size="sm" pendingLabel="Dismissing…" aria-label={`Dismiss ${value}`}>
        Dismiss
      </SubmitButton>
      {state.message && !state.ok && (
        <span role="status" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
