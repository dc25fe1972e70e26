"use client";

import { useActionState, type ComponentProps } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { SubmitButton } from "./submit-button";

type Props = {
  /** the server action, handed down by the page (components never import from app/) */
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** the row's id, sent as the form's `id` field */
  id: string;
  label: string;
  pendingLabel: string;
  ariaLabel: string;
  /** asked with window.confirm before submitting; absent: no question */
  confirm?: string;
  variant?: ComponentProps<typeof SubmitButton>["variant"];
};

/** One button acting on one table row (revoke a key, dismiss an entry), with its refusal shown beside it. */
export function RowActionForm({ action, id, label, pendingLabel, ariaLabel, confirm, variant = "danger" }: Props) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className="inline-flex items-center gap-2"
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant={variant} size="sm" pendingLabel={pendingLabel} aria-label={ariaLabel}>
        {label}
      </SubmitButton>
      {state.message && !state.ok && (
        <span role="status" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
