"use client";

import { useActionState } from "react";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { RowActionForm } from "@/components/ui/row-action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { createGroupMappingAction, removeGroupMappingAction } from "./actions";

const ROLE_OPTIONS = ["engineer", "manager", "legal", "admin"].map((r) => ({ value: r, label: r }));

/** Maps an identity-provider group name to a team and/or a role. */
export function MappingForm({ teams, groupNames }: { teams: { id: string; name: string }[]; groupNames: string[] }) {
  const [state, action] = useActionState(createGroupMappingAction, {});
  return (
    <form action={action} className="space-y-2" aria-label="Map an identity-provider group">
      <div className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-start">
        <TextField
          name="groupName"
          label="Group (displayName)"
          hint="As the identity provider pushes it"
          list="pushed-groups"
          defaultValue={state.ok ? "" : state.values?.groupName}
          key={state.ok ? "done" : state.values?.groupName}
          errors={state.errors?.groupName}
          required
        />
        <datalist id="pushed-groups">
          {groupNames.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
        <SelectField
          name="teamId"
          label="Team"
          placeholder="No team"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
          defaultValue={state.ok ? "" : (state.values?.teamId ?? "")}
          errors={state.errors?.teamId}
        />
        <SelectField name="role" label="Role" placeholder="No role" options={ROLE_OPTIONS} defaultValue={state.ok ? "" : (state.values?.role ?? "")} errors={state.errors?.role} />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Saving…">Add mapping</SubmitButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RemoveMappingButton({ id, groupName }: { id: string; groupName: string }) {
  return <RowActionForm action={removeGroupMappingAction} id={id} label="Remove" pendingLabel="Removing…" ariaLabel={`Remove the mapping for ${groupName}`} variant="ghost" />;
}
