"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import type { CatalogProject } from "@/lib/catalog/list-catalog";
import { CellInput, CellSelect, SENSITIVITY_OPTIONS } from "./cell-field";
import { SaveRowCell, useRowValues } from "./row-form";

export function ProjectRow({ project, save }: { project: CatalogProject; save: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, action] = useActionState(save, {});
  const { values, set } = useRowValues({ name: project.name, sensitivity: project.sensitivity as string, description: project.description });
  const formId = `project-${project.id}`;
  return (
    <tr className="align-top">
      <td className="px-3 py-2 font-mono text-xs text-slate-600">{project.key}</td>
      <td className="px-2 py-2">
        <CellInput id={`${formId}-name`} name="name" form={formId} label={`Name of ${project.key}`} value={values.name} onChange={set("name")} errors={state.errors?.name} />
      </td>
      <td className="px-2 py-2">
        <CellSelect id={`${formId}-sens`} name="sensitivity" form={formId} label={`Sensitivity of ${project.key}`} options={SENSITIVITY_OPTIONS} value={values.sensitivity} onChange={set("sensitivity")} errors={state.errors?.sensitivity} />
      </td>
      <td className="px-2 py-2">
        <CellInput id={`${formId}-desc`} name="description" form={formId} label={`Description of ${project.key}`} value={values.description} onChange={set("description")} errors={state.errors?.description} />
      </td>
      <SaveRowCell formId={formId} id={project.id} label={project.key} action={action} state={state} />
    </tr>
  );
}
