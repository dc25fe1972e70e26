"use client";

import { useActionState, useState } from "react";
import { createTeamAction, updateTeamAction } from "@/app/(portal)/people/actions";
import { CellInput, CellSelect, RowStatus } from "@/components/catalog/cell-field";
import { FormMessage, SelectField, TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TeamRow } from "@/lib/teams/manage-teams";

type Option = { value: string; label: string };

export function NewTeamForm({ parents }: { parents: Option[] }) {
  const empty = { slug: "", name: "", parentId: "" };
  const [state, action] = useActionState(createTeamAction, {});
  const [values, setValues] = useState(empty);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok) setValues(empty);
  }
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  return (
    <form action={action} aria-label="Add a team" className="space-y-2">
      <div className="grid gap-3 sm:grid-cols-[1fr_1.5fr_1.5fr_auto] sm:items-start">
        <TextField name="slug" label="Slug" hint="e.g. ads-platform; reports and rules use it" value={values.slug} onChange={set("slug")} errors={state.errors?.slug} required />
        <TextField name="name" label="Name" value={values.name} onChange={set("name")} errors={state.errors?.name} required />
        <SelectField name="parentId" label="Parent team" options={parents} placeholder="None (top level)" value={values.parentId} onChange={set("parentId")} errors={state.errors?.parentId} />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Adding…">Add team</SubmitButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** One team as a table row: rename it or move it under another team. */
export function TeamRowForm({ team, parents }: { team: TeamRow; parents: Option[] }) {
  const [state, action] = useActionState(updateTeamAction, {});
  const [values, setValues] = useState({ name: team.name, parentId: team.parentId ?? "" });
  const formId = `team-${team.id}`;
  return (
    <tr className="align-top">
      <th scope="row" className="px-3 py-2 text-left font-normal" style={{ paddingLeft: `${0.75 + team.depth * 1.25}rem` }}>
        <span className="block font-medium text-slate-900">{team.name}</span>
        <span className="block text-xs text-slate-500">{team.slug}</span>
      </th>
      <td className="px-2 py-2 tabular-nums">{team.members}</td>
      <td className="px-2 py-2">
        <CellInput id={`${formId}-name`} name="name" form={formId} label={`Name of ${team.slug}`} value={values.name} onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} errors={state.errors?.name} />
      </td>
      <td className="px-2 py-2">
        <CellSelect
          id={`${formId}-parent`}
          name="parentId"
          form={formId}
          label={`Parent of ${team.slug}`}
          options={[{ value: "", label: "None (top level)" }, ...parents.filter((p) => p.value !== team.id)]}
          value={values.parentId}
          onChange={(e) => setValues((v) => ({ ...v, parentId: e.target.value }))}
          errors={state.errors?.parentId}
        />
      </td>
      <td className="px-2 py-2">
        <form id={formId} action={action}>
          <input type="hidden" name="id" value={team.id} />
          <SubmitButton size="sm" variant="secondary" aria-label={`Save ${team.slug}`} pendingLabel="Saving…">
            Save
          </SubmitButton>
        </form>
        <RowStatus state={state} />
      </td>
    </tr>
  );
}
