"use client";

import { useActionState } from "react";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Props = {
  requestId: string;
  version: number;
  /** the window currently asked for, as yyyy-mm-dd, to bound the condition inputs */
  window: { from: string; to: string };
  approve: Action;
  reject: Action;
  label: string;
  /** where the form sits, so the action returns there with the outcome */
  from?: "queue" | "request";
};

/** Approve (optionally with a shorter window or a cap override) or reject with a reason. */
export function DecisionForms({ requestId, version, window, approve, reject, label, from = "queue" }: Props) {
  const [approved, approveAction] = useActionState(approve, {});
  const [rejected, rejectAction] = useActionState(reject, {});
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <form action={approveAction} className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50/40 p-3" aria-label={`Approve ${label}`}>
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="from" value={from} />
        <FormMessage state={approved} />
        <details className="text-sm" open={!!approved.errors}>
          <summary className="cursor-pointer text-slate-700">Conditions (optional)</summary>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            <TextField name="validFrom" type="date" label="From" min={window.from} max={window.to} defaultValue={approved.values?.validFrom} errors={approved.errors?.validFrom} />
            <TextField name="validTo" type="date" label="Until" min={window.from} max={window.to} defaultValue={approved.values?.validTo} errors={approved.errors?.validTo} />
            <TextField name="capOverrideTokens" inputMode="numeric" label="Cap override (tokens/month)" defaultValue={approved.values?.capOverrideTokens} errors={approved.errors?.capOverrideTokens} />
          </div>
          <TextAreaField name="note" label="Note (optional)" rows={2} defaultValue={approved.values?.note} errors={approved.errors?.note} />
        </details>
        <SubmitButton pendingLabel="Approving…">Approve</SubmitButton>
      </form>
      <form action={rejectAction} noValidate className="space-y-2 rounded-md border border-red-200 bg-red-50/40 p-3" aria-label={`Reject ${label}`}>
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="from" value={from} />
        <FormMessage state={rejected} />
        <TextAreaField name="reason" label="Reason for rejecting" rows={2} required defaultValue={rejected.values?.reason} errors={rejected.errors?.reason} />
        <SubmitButton variant="danger" pendingLabel="Rejecting…">
          Reject
        </SubmitButton>
      </form>
    </div>
  );
}
