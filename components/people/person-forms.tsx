"use client";

import { useActionState, useState } from "react";
import { placePersonAction, setActiveAction, setRolesAction } from "@/app/(portal)/people/actions";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLE_LABELS } from "./people-filters";

/** Roles as checkboxes (named roles[] so none ticked is an empty list the server refuses). */
export function RolesForm({ id, roles }: { id: string; roles: string[] }) {
  const [state, action] = useActionState(setRolesAction, {});
  const errorId = `roles-${id}-error`;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <fieldset aria-describedby={errorId}>
        <legend className="text-sm font-medium text-slate-800">Roles</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="roles[]" value={value} defaultChecked={roles.includes(value)} />
              {label}
            </label>
          ))}
        </div>
        <div id={errorId} aria-live="polite">
          {state.errors?.roles?.map((e) => (
            <p key={e} className="text-xs text-red-700">
              {e}
            </p>
          ))}
        </div>
      </fieldset>
      <SubmitButton size="sm" pendingLabel="Saving…">
        Save roles
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function PlacementForm({ id, teamId, managerEmail, teams }: { id: string; teamId: string; managerEmail: string; teams: { value: string; label: string }[] }) {
  const [state, action] = useActionState(placePersonAction, {});
  const [values, setValues] = useState({ teamId, managerEmail });
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="teamId" label="Team" options={teams} placeholder="No team" value={values.teamId} onChange={(e) => setValues((v) => ({ ...v, teamId: e.target.value }))} errors={state.errors?.teamId} />
        <TextField
          name="managerEmail"
          label="Manager's email"
          type="email"
          hint="Leave empty for no manager."
          value={values.managerEmail}
          onChange={(e) => setValues((v) => ({ ...v, managerEmail: e.target.value }))}
          errors={state.errors?.managerEmail}
        />
      </div>
      <SubmitButton size="sm" pendingLabel="Saving…">
        Save team and manager
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ActiveForm({ id, name, active }: { id: string; name: string; active: boolean }) {
  const [state, action] = useActionState(setActiveAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={String(!active)} />
      <p className="text-sm text-slate-600">
        {active
          ? `Deactivating signs ${name} out at once, makes every decision for them deny (user_inactive) and revokes their live grants. Their usage, requests and audit history stay.`
          : `${name} is deactivated. Reactivating lets them sign in again; revoked grants stay revoked.`}
      </p>
      <SubmitButton size="sm" variant={active ? "danger" : "primary"} pendingLabel="Saving…">
        {active ? `Deactivate ${name}` : `Reactivate ${name}`}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
