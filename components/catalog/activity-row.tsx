"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import type { CatalogActivity } from "@/lib/catalog/list-catalog";
import { CellInput, CellSelect, DISPOSITION_OPTIONS } from "./cell-field";
import { SaveRowCell, useRowValues } from "./row-form";
import { ArchiveButton } from "./archive-button";
import { Badge } from "@/components/ui/badge";

export function ActivityRow({ activity, save }: { activity: CatalogActivity; save: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, action] = useActionState(save, {});
  const { values, set } = useRowValues({ name: activity.name, description: activity.description, disposition: activity.disposition as string });
  const formId = `activity-${activity.id}`;
  return (
    <tr className="align-top">
      <td className="px-3 py-2 font-mono text-xs text-slate-600">
        {activity.slug} {activity.archived && <Badge>archived</Badge>}
      </td>
      <td className="px-2 py-2">
        <CellInput id={`${formId}-name`} name="name" form={formId} label={`Name of ${activity.slug}`} value={values.name} onChange={set("name")} errors={state.errors?.name} />
      </td>
      <td className="px-2 py-2">
        <CellInput id={`${formId}-desc`} name="description" form={formId} label={`Description of ${activity.slug}`} value={values.description} onChange={set("description")} errors={state.errors?.description} />
      </td>
      <td className="px-2 py-2">
        <CellSelect id={`${formId}-disp`} name="disposition" form={formId} label={`Disposition of ${activity.slug}`} options={DISPOSITION_OPTIONS} value={values.disposition} onChange={set("disposition")} errors={state.errors?.disposition} />
      </td>
      <SaveRowCell formId={formId} id={activity.id} label={activity.slug} action={action} state={state} />
      <td className="px-2 py-2">
        <ArchiveButton kind="activity" id={activity.id} name={activity.name} archived={activity.archived} />
      </td>
    </tr>
  );
}
