"use client";

import { useActionState, useId, useState } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { FormMessage, inputClass } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";

/** A "Revoke" button that opens a reason field; the reason is required and shown to the holder. */
export function RevokeForm({ grantId, label, action }: { grantId: string; label: string; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, {});
  const [open, setOpen] = useState(false);
  const id = useId();
  if (state.ok) return <FormMessage state={state} />;
  if (!open)
    return (
      <ActionButton variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Revoke ${label}`}>
        Revoke
      </ActionButton>
    );
  return (
    <form action={formAction} className="w-64 space-y-1.5" aria-label={`Revoke ${label}`}>
      <input type="hidden" name="grantId" value={grantId} />
      <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-slate-700">
        Reason for revoking
      </label>
      <textarea
        id={`${id}-reason`}
        name="reason"
        rows={2}
        required
        autoFocus
        className={inputClass}
        defaultValue={state.values?.reason}
        aria-invalid={!!state.errors?.reason}
        aria-describedby={`${id}-error`}
      />
      <div id={`${id}-error`} aria-live="polite">
        {state.errors?.reason?.map((e) => (
          <p key={e} className="text-xs text-red-700">
            {e}
          </p>
        ))}
      </div>
      <FormMessage state={state} />
      <div className="flex gap-2">
        <SubmitButton variant="danger" size="sm" pendingLabel="Revoking…">
          Revoke grant
        </SubmitButton>
        <ActionButton variant="ghost" size="sm" onClick={() => setOpen(false)}>
          Cancel
        </ActionButton>
      </div>
    </form>
  );
}
