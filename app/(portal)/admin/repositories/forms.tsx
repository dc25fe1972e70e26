"use client";

import { useActionState } from "react";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { RowActionForm } from "@/components/ui/row-action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { addRepositoryMappingAction, removeRepositoryMappingAction, setDefaultActivityAction } from "./actions";

type Option = { value: string; label: string };

export function AddMappingForm({ projects, pattern }: { projects: Option[]; pattern?: string }) {
  const [state, action] = useActionState(addRepositoryMappingAction, {});
  return (
    <div className="space-y-2">
      <form action={action} className="grid gap-3 sm:grid-cols-[3fr_2fr_auto] sm:items-start" aria-label={pattern ? `Map ${pattern} to a project` : "Map a repository to a project"}>
        {pattern ? (
          <input type="hidden" name="pattern" value={pattern} />
        ) : (
          <TextField
            name="pattern"
            label="Repository"
            hint="A git remote (github.com/acme/payments-core) or a path (/home/*/src/payments-core); * is one folder, ** any number"
            defaultValue={state.ok ? "" : state.values?.pattern}
            errors={state.errors?.pattern}
            required
          />
        )}
        <SelectField name="projectKey" label="Project" options={projects} placeholder="Choose…" defaultValue={state.ok ? "" : state.values?.projectKey} errors={state.errors?.projectKey} required />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Saving…">{pattern ? "Map" : "Add mapping"}</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
    </div>
  );
}

export function RemoveMappingButton({ id, pattern }: { id: string; pattern: string }) {
  return <RowActionForm action={removeRepositoryMappingAction} id={id} label="Remove" pendingLabel="Removing…" ariaLabel={`Remove the mapping of ${pattern}`} />;
}

export function DefaultActivityForm({ projectKey, projectName, current, activities }: { projectKey: string; projectName: string; current: string; activities: Option[] }) {
  const [state, action] = useActionState(setDefaultActivityAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={`Default activity of ${projectName}`}>
      <input type="hidden" name="projectKey" value={projectKey} />
      <div className="min-w-56">
        <SelectField name="activitySlug" label={`Default activity of ${projectName}`} options={activities} placeholder="None (other)" defaultValue={current} errors={state.errors?.activitySlug} />
      </div>
      <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
