"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import type { CatalogTool } from "@/lib/catalog/list-catalog";
import { CellInput, CellSelect, STATUS_OPTIONS } from "./cell-field";
import { SaveRowCell, useRowValues } from "./row-form";
import { ArchiveButton } from "./archive-button";
import { Badge } from "@/components/ui/badge";

export function ToolRow({ tool, save }: { tool: CatalogTool; save: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, action] = useActionState(save, {});
  const { values, set } = useRowValues({ status: tool.status as string, inputUsdPerMTok: tool.inputUsdPerMTok, outputUsdPerMTok: tool.outputUsdPerMTok });
  const formId = `tool-${tool.id}`;
  return (
    <tr className="align-top">
      <th scope="row" className="px-3 py-2 text-left">
        <span className="block font-medium text-slate-900">{tool.name}</span>
        <span className="block text-xs text-slate-500">
          {tool.slug} · {tool.vendor} · {tool.kind}
        </span>
        {tool.archived && <Badge>archived</Badge>}
      </th>
      <td className="px-2 py-2">
        <CellSelect id={`${formId}-status`} name="status" form={formId} label={`Status of ${tool.name}`} options={STATUS_OPTIONS} value={values.status} onChange={set("status")} errors={state.errors?.status} />
      </td>
      <td className="px-2 py-2">
        <CellInput id={`${formId}-in`} name="inputUsdPerMTok" form={formId} inputMode="decimal" label={`Input price of ${tool.name}, USD per million tokens`} value={values.inputUsdPerMTok} onChange={set("inputUsdPerMTok")} errors={state.errors?.inputUsdPerMTok} />
      </td>
      <td className="px-2 py-2">
        <CellInput id={`${formId}-out`} name="outputUsdPerMTok" form={formId} inputMode="decimal" label={`Output price of ${tool.name}, USD per million tokens`} value={values.outputUsdPerMTok} onChange={set("outputUsdPerMTok")} errors={state.errors?.outputUsdPerMTok} />
      </td>
      <SaveRowCell formId={formId} id={tool.id} label={tool.name} action={action} state={state} />
      <td className="px-2 py-2">
        <ArchiveButton kind="tool" id={tool.id} name={tool.name} archived={tool.archived} />
      </td>
    </tr>
  );
}
