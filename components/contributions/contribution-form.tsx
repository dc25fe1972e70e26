"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  projects: { id: string; key: string; name: string }[];
  timeZone: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/** Registers a contribution for the signed-in person; there is deliberately no author field. */
export function ContributionForm({ projects, timeZone, action }: Props) {
  const [state, formAction] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="space-y-3" aria-label="Register a contribution">
      <SelectField name="projectId" label="Training-data project" placeholder="Choose a project" options={projects.map((p) => ({ value: p.id, label: `${p.key} — ${p.name}` }))} defaultValue={v.projectId} errors={state.errors?.projectId} required />
      <TextField name="artifactRef" label="Artifact" hint="A path, commit, dataset id or URL that names exactly what enters the pipeline." defaultValue={v.artifactRef} errors={state.errors?.artifactRef} required />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="firstDay" type="date" label="Authored from (first day)" hint={`Calendar day in ${timeZone}.`} defaultValue={v.firstDay} errors={state.errors?.firstDay} required />
        <TextField name="lastDay" type="date" label="Authored until (last day, inclusive)" hint={`Calendar day in ${timeZone}.`} defaultValue={v.lastDay} errors={state.errors?.lastDay} required />
      </div>
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="attested" className="mt-1" aria-describedby="attested-error" defaultChecked={v.attested === "on"} />
          <span>I attest that I made this contribution by hand, without output from any external AI tool.</span>
        </label>
        <div id="attested-error" aria-live="polite">
          {state.errors?.attested?.map((e) => <p key={e} className="text-xs text-red-700">{e}</p>)}
        </div>
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Checking…">Register and check</SubmitButton>
    </form>
  );
}
