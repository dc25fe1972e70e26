"use client";

import { useActionState, useState } from "react";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { ClientFieldset } from "@/components/ui/client-fieldset";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";
import { SENSITIVITY_OPTIONS } from "./cell-field";

const EMPTY = { key: "", name: "", sensitivity: "general", description: "" };

export function NewProjectForm({ create }: { create: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, action] = useActionState(create, {});
  const [values, setValues] = useState(EMPTY);
  const [seen, setSeen] = useState(state);
  // A project that was added clears the form for the next one; on an error everything typed stays.
  if (seen !== state) {
    setSeen(state);
    if (state.ok) setValues(EMPTY);
  }
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  return (
    <form action={action} aria-label="Add a project">
      <ClientFieldset className="grid gap-3 sm:grid-cols-[1fr_1.5fr_1fr_2fr_auto] sm:items-start">
      <TextField name="key" label="Key" hint="What gateways send, e.g. ads-ranking" value={values.key} onChange={set("key")} errors={state.errors?.key} required />
      <TextField name="name" label="Name" value={values.name} onChange={set("name")} errors={state.errors?.name} required />
      <SelectField name="sensitivity" label="Sensitivity" options={SENSITIVITY_OPTIONS} value={values.sensitivity} onChange={set("sensitivity")} errors={state.errors?.sensitivity} />
      <TextField name="description" label="Description" value={values.description} onChange={set("description")} errors={state.errors?.description} />
      <div className="sm:pt-6">
        <SubmitButton pendingLabel="Adding…">Add project</SubmitButton>
      </div>
      <div className="sm:col-span-5">
        <FormMessage state={state} />
      </div>
      </ClientFieldset>
    </form>
  );
}
