"use client";

import { useActionState, useState } from "react";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { createApiKeyAction, type CreateKeyState } from "./actions";

const SCOPES = [
  { value: "decide", label: "decide", hint: "POST /api/v1/decisions" },
  { value: "ingest", label: "ingest", hint: "POST /api/v1/usage-events" },
  { value: "read", label: "read", hint: "usage summary and audit log" },
  { value: "scim", label: "scim", hint: "identity provider provisioning at /scim/v2, alone" },
];

const LIFETIMES = [
  { value: "30", label: "in 30 days" },
  { value: "90", label: "in 90 days" },
  { value: "180", label: "in 180 days" },
  { value: "365", label: "in a year" },
  { value: "never", label: "never" },
];

export function CreateKeyForm() {
  const [state, action] = useActionState<CreateKeyState, FormData>(createApiKeyAction, {});
  const [copied, setCopied] = useState<string | null>(null);
  const scopeErrors = state.errors?.scopes;
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-3 sm:grid-cols-[2fr_3fr_1fr_auto] sm:items-start" aria-label="Create an API key">
        <TextField name="name" label="Name" hint="The gateway or service that will use it" defaultValue={state.ok ? "" : state.values?.name} errors={state.errors?.name} required />
        <fieldset aria-describedby={scopeErrors?.length ? "scopes-error" : undefined}>
          <legend className="block text-sm font-medium text-slate-800">Scopes</legend>
          <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
            {SCOPES.map((s) => (
              <label key={s.value} className="inline-flex items-center gap-1.5 text-sm text-slate-800">
                <input type="checkbox" name="scopes[]" value={s.value} defaultChecked={s.value === "decide"} className="h-4 w-4 rounded border-slate-300" />
                <span>
                  {s.label} <span className="text-xs text-slate-500">({s.hint})</span>
                </span>
              </label>
            ))}
          </div>
          <div id="scopes-error" aria-live="polite">
            {scopeErrors?.map((e) => (
              <p key={e} className="text-xs text-red-700">
                {e}
              </p>
            ))}
          </div>
        </fieldset>
        <SelectField
          name="expiresInDays"
          label="Expires"
          hint="Calls after that get 401"
          options={LIFETIMES}
          defaultValue={state.ok ? "90" : (state.values?.expiresInDays ?? "90")}
          errors={state.errors?.expiresInDays}
        />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {state.ok && state.secret && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm font-medium text-amber-900" id="new-key-label">
            New API key (shown once)
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code aria-labelledby="new-key-label" data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-amber-300">
              {state.secret}
            </code>
            <Button
              variant="secondary"
              size="sm"
              onClick={async () => {
                await navigator.clipboard?.writeText(state.secret ?? "").catch(() => undefined);
                setCopied(state.secret ?? null);
              }}
            >
              {copied === state.secret ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="mt-2 text-xs text-amber-900">Send it as <code>Authorization: Bearer &lt;key&gt;</code>. Only its hash is stored.</p>
        </div>
      )}
    </div>
  );
}
