"use client";

import { useActionState } from "react";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { RowActionForm } from "@/components/ui/row-action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { aliasEmailAction, removeEmailAliasAction } from "./actions";

export const PEOPLE_LIST_ID = "alias-people";

/**
 * Maps an email a tool reported to a person of the directory (typed or picked from the page's people list).
 * With `email`, the form fixes that unmatched row; without, the admin types the email too.
 */
export function AliasEmailForm({ email }: { email?: string }) {
  const [state, action] = useActionState(aliasEmailAction, {});
  const person = state.ok ? "" : state.values?.person;
  return (
    <div className="space-y-2">
      <form action={action} className={email ? "space-y-2" : "grid gap-3 sm:grid-cols-[2fr_2fr_auto] sm:items-start"} aria-label={email ? `Alias ${email} to a person` : "Add an email alias"}>
        {email ? (
          <input type="hidden" name="email" value={email} />
        ) : (
          <TextField name="email" label="Email a tool reports" type="email" hint="A personal or old address, e.g. ana.personal@gmail.com" defaultValue={state.ok ? "" : state.values?.email} errors={state.errors?.email} required />
        )}
        <TextField
          name="person"
          label={email ? "Alias to person" : "Person"}
          list={PEOPLE_LIST_ID}
          placeholder="Their work email or employee id"
          autoComplete="off"
          defaultValue={person}
          errors={email ? [...(state.errors?.email ?? []), ...(state.errors?.person ?? [])] : state.errors?.person}
          required
        />
        <div className={email ? undefined : "sm:pt-6"}>
          <SubmitButton size={email ? "sm" : undefined} pendingLabel="Saving…">
            {email ? "Alias" : "Add alias"}
          </SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
    </div>
  );
}

export function RemoveAliasButton({ id, email }: { id: string; email: string }) {
  return <RowActionForm action={removeEmailAliasAction} id={id} label="Remove" pendingLabel="Removing…" ariaLabel={`Remove the alias ${email}`} variant="secondary" />;
}
