"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export type EntryField = { name: string; label: string; hint?: string; options?: { value: string; label: string }[]; initial?: string; required?: boolean; inputMode?: "decimal" };

/** A one-line "add" form for a catalog table: the fields, the button, field errors and the outcome. Clears after a success. */
export function NewEntryForm({ action, fields, submitLabel, label }: { action: (state: ActionState, data: FormData) => Promise<ActionState>; fields: EntryField[]; submitLabel: string; label: string }) {
  const empty = Object.fromEntries(fields.map((f) => [f.name, f.initial ?? f.options?.[0]?.value ?? ""]));
  const [state, formAction] = useActionState(action, {});
  const [values, setValues] = useState(empty);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok) setValues(empty);
  }
  const set = (key: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  return (
    <form action={formAction} aria-label={label} className="space-y-2 rounded-md bg-slate-50 p-3">
      <div className="grid gap-3 sm:grid-cols-[repeat(auto-fit,minmax(9rem,1fr))] sm:items-start">
        {fields.map((f) =>
          f.options ? (
            <SelectField key={f.name} name={f.name} label={f.label} hint={f.hint} options={f.options} value={values[f.name]} onChange={set(f.name)} errors={state.errors?.[f.name]} />
          ) : (
            <TextField key={f.name} name={f.name} label={f.label} hint={f.hint} inputMode={f.inputMode} value={values[f.name]} onChange={set(f.name)} errors={state.errors?.[f.name]} required={f.required} />
          ),
        )}
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Adding…">{submitLabel}</SubmitButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
