"use client";

import { useActionState } from "react";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { EVENT_DESCRIPTIONS, EVENT_TYPES_LIST } from "@/lib/notifications/event-types";
import { createWebhookAction, type CreateWebhookState } from "./actions";

export function CreateWebhookForm() {
  const [state, action] = useActionState<CreateWebhookState, FormData>(createWebhookAction, {});
  const v = state.ok ? undefined : state.values;
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-2 sm:items-start" aria-label="Add a webhook endpoint">
        <TextField name="url" type="url" label="Endpoint URL" hint="Receives a signed POST per event" defaultValue={v?.url ?? ""} errors={state.errors?.url} required />
        <TextField name="description" label="Description" hint="Optional: who runs it" defaultValue={v?.description ?? ""} errors={state.errors?.description} />
        <fieldset className="sm:col-span-2">
          <legend className="block text-sm font-medium text-slate-800">Events (none ticked: all)</legend>
          <div className="mt-1.5 grid gap-1 sm:grid-cols-2">
            {EVENT_TYPES_LIST.map((e) => (
              <label key={e} className="inline-flex items-start gap-1.5 text-sm text-slate-800">
                <input type="checkbox" name="events[]" value={e} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
                <span>
                  <code className="text-xs">{e}</code> <span className="text-xs text-slate-500">{EVENT_DESCRIPTIONS[e]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {state.ok && state.secret && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm font-medium text-amber-900" id="new-webhook-secret-label">
            Signing secret (shown once)
          </p>
          <code aria-labelledby="new-webhook-secret-label" data-testid="new-webhook-secret" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-amber-300">
            {state.secret}
          </code>
          <p className="mt-2 text-xs text-amber-900">
            Verify each delivery: HMAC-SHA256 with this secret over <code>{"{Guardrail-Timestamp}.{raw body}"}</code> must equal the hex after <code>v1=</code> in Guardrail-Signature.
          </p>
        </div>
      )}
    </div>
  );
}
