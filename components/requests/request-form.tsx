"use client";

import { useActionState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { FormMessage, SelectField, TextAreaField, TextField } from "@/components/ui/form-field";
import { ClientFieldset } from "@/components/ui/client-fieldset";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";

type Option = { value: string; label: string };
type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  tools: Option[];
  activities: Option[];
  projects: Option[];
  defaults: Record<string, string>;
};

/**
 * The exception form. Choosing tool, activity or project updates the URL so the server re-evaluates the
 * policy preview beside the form; the text typed so far stays put (uncontrolled inputs keep their value).
 */
export function RequestForm({ action, tools, activities, projects, defaults }: Props) {
  const [state, formAction] = useActionState(action, {});
  const [, startTransition] = useTransition();
  const router = useRouter();
  const pathname = usePathname();
  const value = (name: string) => state.values?.[name] ?? defaults[name] ?? "";

  function onSubjectChange(e: React.ChangeEvent<HTMLFormElement>) {
    if (!["tool", "activity", "project"].includes(e.target.name)) return;
    const data = new FormData(e.currentTarget);
    const params = new URLSearchParams();
    for (const key of ["tool", "activity", "project"]) {
      const v = data.get(key);
      if (typeof v === "string" && v) params.set(key, v);
    }
    startTransition(() => router.replace(`${pathname}?${params}`, { scroll: false }));
  }

  return (
    <form action={formAction} onChange={onSubjectChange} className="space-y-4" aria-label="New exception request" noValidate>
      <FormMessage state={state} />
      {/* The policy preview follows these three through the URL, which needs the page to be interactive. */}
      <ClientFieldset className="grid gap-4 sm:grid-cols-3">
        <SelectField name="tool" label="Tool" options={tools} placeholder="Choose a tool…" defaultValue={value("tool")} errors={state.errors?.tool} required />
        <SelectField name="activity" label="Activity" options={activities} placeholder="Choose an activity…" defaultValue={value("activity")} errors={state.errors?.activity} required />
        <SelectField name="project" label="Project (optional)" options={projects} placeholder="No particular project" defaultValue={value("project")} errors={state.errors?.project} />
      </ClientFieldset>
      <TextAreaField
        name="justification"
        label="Why do you need this exception?"
        rows={4}
        defaultValue={value("justification")}
        errors={state.errors?.justification}
        hint="What you will build, and why the in-house assistant does not do the job."
        required
      />
      <TextAreaField
        name="dataHandling"
        label="How will the outputs stay out of training data?"
        rows={3}
        defaultValue={value("dataHandling")}
        errors={state.errors?.dataHandling}
        hint="Where the generated code lives and how it is kept away from datasets and model training."
        required
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="startsAt" type="date" label="Start" defaultValue={value("startsAt")} errors={state.errors?.startsAt} required />
        <TextField name="endsAt" type="date" label="End" defaultValue={value("endsAt")} errors={state.errors?.endsAt} hint="The exception ends at the start of this day; at most 90 days after the start." required />
      </div>
      <SubmitButton pendingLabel="Filing…">File request</SubmitButton>
    </form>
  );
}
