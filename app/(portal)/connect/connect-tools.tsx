"use client";

import { useActionState } from "react";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { connectSnippets } from "@/lib/tools/connect-snippets";
import { createPersonalTokenAction, type CreateTokenState } from "./actions";
import { SnippetBlock } from "./snippet-block";

export const TOKEN_PLACEHOLDER = "<your personal token>";

/** Create a token, then copy the snippets with it filled in (shown once; afterwards with a placeholder). */
export function ConnectTools({ baseUrl }: { baseUrl: string }) {
  const [state, action] = useActionState<CreateTokenState, FormData>(createPersonalTokenAction, {});
  const secret = state.ok ? state.secret : undefined;
  const snippets = connectSnippets(baseUrl, secret ?? TOKEN_PLACEHOLDER);
  return (
    <div className="space-y-5">
      <form action={action} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start" aria-label="Create a personal token">
        <TextField name="name" label="Token name" hint="The machine or tool that will use it, e.g. work laptop" defaultValue={state.ok ? "" : state.values?.name} errors={state.errors?.name} required />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {secret && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm font-medium text-amber-900" id="new-token-label">
            New personal token (shown once)
          </p>
          <code aria-labelledby="new-token-label" data-testid="new-personal-token" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-amber-300">
            {secret}
          </code>
          <p className="mt-2 text-xs text-amber-900">It is filled into the snippets below. It speaks only for you, and only its hash is stored.</p>
        </div>
      )}
      {!secret && <p className="text-sm text-slate-600">Create a token first: the snippets below then come with it filled in. Until then they show {TOKEN_PLACEHOLDER}.</p>}
      <div className="space-y-6">
        {snippets.map((s) => (
          <SnippetBlock key={s.id} snippet={s} />
        ))}
      </div>
    </div>
  );
}
