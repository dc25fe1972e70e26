"use client";

import { useActionState } from "react";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";

export function ThresholdForm({ tokens, percent, action }: { tokens: number; percent: number; action: (state: ActionState, data: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, {});
  const v = state.ok ? undefined : state.values;
  return (
    <form action={formAction} noValidate className="grid gap-3 sm:grid-cols-3 sm:items-end" aria-label="Gap threshold">
      <TextField name="tokens" type="number" min={0} label="Gap above (tokens)" defaultValue={v?.tokens ?? String(tokens)} errors={state.errors?.tokens} required />
      <TextField name="percent" type="number" min={0} max={100} step="0.1" label="and above (% of the vendor's tokens)" defaultValue={v?.percent ?? String(percent)} errors={state.errors?.percent} required />
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save threshold</SubmitButton>
      </div>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
