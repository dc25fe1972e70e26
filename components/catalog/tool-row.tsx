"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateToolAction } from "@/app/(portal)/admin/catalog/actions";
import type { CatalogTool } from "@/lib/catalog/list-catalog";
import { CellInput, CellSelect, RowStatus, STATUS_OPTIONS } from "./cell-field";

export function ToolRow({ tool }: { tool: CatalogTool }) {
  const [state, action] = useActionState(updateToolAction, {});
  const [values, setValues] = useState({ status: tool.status as string, inputUsdPerMTok: tool.inputUsdPerMTok, outputUsdPerMTok: tool.outputUsdPerMTok });
  const formId = `tool-${tool.id}`;
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  return (
    <tr className="align-top">
      <th scope="row" className="px-3 py-2 text-left">
        <span className="block font-medium text-slate-900">{tool.name}</span>
        <span className="block text-xs text-slate-500">
          {tool.slug} · {tool.vendor} · {tool.kind}
        </span>
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
      <td className="px-2 py-2">
        <form id={formId} action={action}>
          <input type="hidden" name="id" value={tool.id} />
          <SubmitButton size="sm" variant="secondary" aria-label={`Save ${tool.name}`} pendingLabel="Saving…">
            Save
          </SubmitButton>
        </form>
        <RowStatus state={state} />
      </td>
    </tr>
  );
}
