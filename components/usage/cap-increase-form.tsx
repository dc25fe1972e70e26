"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  currentCap: number;
  highlight: boolean;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/** Asks the manager and the cap admins for a higher monthly cap. */
export function CapIncreaseForm({ currentCap, highlight, action }: Props) {
  const [state, formAction] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <section id="cap-increase" aria-labelledby="cap-increase-title" className={`rounded-lg border bg-white p-4 ${highlight ? "border-amber-400 ring-2 ring-amber-200" : "border-slate-200"}`}>
      <h2 id="cap-increase-title" className="text-sm font-semibold text-slate-900">Ask for a higher cap</h2>
      <p className="mt-1 text-sm text-slate-600">
        Your monthly cap is {currentCap.toLocaleString("en-US")} tokens. Consider the in-house MetaCode first: it does not count against vendor spend.
      </p>
      <form action={formAction} aria-label="Ask for a higher cap" className="mt-3 space-y-3">
        <TextField name="monthlyTokens" type="number" min={1} step={1} label="Monthly cap you need (tokens)" defaultValue={v.monthlyTokens ?? String(currentCap * 2)} errors={state.errors?.monthlyTokens} required />
        <TextAreaField name="reason" label="What are the extra tokens for?" rows={3} defaultValue={v.reason} errors={state.errors?.reason} required />
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Sending…">Send request</SubmitButton>
      </form>
    </section>
  );
}
