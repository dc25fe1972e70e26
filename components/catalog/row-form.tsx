"use client";

import { useState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { SubmitButton } from "@/components/ui/submit-button";
import { RowStatus } from "./cell-field";

/** A table row's editable values, kept in state so a failed save keeps what was typed. */
export function useRowValues<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const set = (key: keyof T) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  return { values, set };
}

/** The last cell of an editable row: the form its inputs point at (form={formId}), its Save button and its status. */
export function SaveRowCell({ formId, id, label, action, state }: { formId: string; id: string; label: string; action: (formData: FormData) => void; state: ActionState }) {
  return (
    <td className="px-2 py-2">
      <form id={formId} action={action}>
        <input type="hidden" name="id" value={id} />
        <SubmitButton size="sm" variant="secondary" aria-label={`Save ${label}`} pendingLabel="Saving…">
          Save
        </SubmitButton>
      </form>
      <RowStatus state={state} />
    </td>
  );
}
