"use client";

import { useActionState, useState } from "react";
import { importPeopleAction } from "@/app/(portal)/people/actions";
import { Badge } from "@/components/ui/badge";
import { FormMessage } from "@/components/ui/form-field";
import { RowErrorsTable } from "@/components/ui/row-errors-table";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextFileField, useTextFile } from "@/components/ui/text-file-field";
import type { ImportResult } from "@/lib/people/import-people";
import { MAX_IMPORT_CHARS } from "@/lib/people/import-limits";

const KIND_TONE = { create: "success", update: "info", unchanged: "neutral" } as const;

/**
 * Pick a file, check it (the dry run), then apply exactly what was checked. The file is read in the browser and sent
 * as text; applying plans it again inside the transaction, so a directory that changed meanwhile cannot slip through.
 */
export function ImportForm() {
  const [state, action] = useActionState(importPeopleAction, {});
  // A file picked after the last check has not been checked: no Apply until it is.
  const [pickedSinceCheck, setPickedSinceCheck] = useState(false);
  const { file, readError, pick } = useTextFile(MAX_IMPORT_CHARS, "The file is too large: split it into files under 900 KB (about 10,000 people).", () => setPickedSinceCheck(true));
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setPickedSinceCheck(false);
  }
  const result = state.data as ImportResult | undefined;
  const checked = result && !result.applied && !result.issues.length && !pickedSinceCheck;
  const changes = result?.changes.filter((c) => c.kind !== "unchanged") ?? [];
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-3" aria-label="Import people">
        <TextFileField
          id="people-csv"
          label="CSV file"
          accept=".csv,text/csv"
          hint={
            <>
              Columns: email, name, team, manager email, roles (e.g. <code>engineer;manager</code>), optionally employee id. A column left out of the file is left as it is.
            </>
          }
          errors={[readError, ...(state.errors?.csv ?? [])]}
          onChange={pick}
        />
        <input type="hidden" name="csv" value={file?.text ?? ""} />
        <input type="hidden" name="fileName" value={file?.name ?? ""} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton name="mode" value="dry-run" variant="secondary" pendingLabel="Checking…" disabled={!file || !!readError}>
            Check file (dry run)
          </SubmitButton>
          {checked && file && (
            <SubmitButton name="mode" value="apply" pendingLabel="Importing…">
              Apply {changes.length} change{changes.length === 1 ? "" : "s"}
            </SubmitButton>
          )}
        </div>
        <FormMessage state={state} />
      </form>

      {result && <RowErrorsTable caption="Problems to fix" errors={result.issues} />}

      {result && result.changes.length > 0 && (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="bg-slate-50 px-3 py-2 text-left text-sm font-semibold text-slate-900">
              {result.applied ? "Imported" : "What the import would do"}: {result.counts.create} create, {result.counts.update} update, {result.counts.unchanged} unchanged
            </caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold">Row</th>
                <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold">Person</th>
                <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold">Change</th>
                <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {result.changes.map((c) => (
                <tr key={c.row}>
                  <td className="px-3 py-1.5 tabular-nums">{c.row}</td>
                  <td className="px-3 py-1.5">
                    {c.name} <span className="text-xs text-slate-500">{c.email}</span>
                  </td>
                  <td className="px-3 py-1.5">
                    <Badge tone={KIND_TONE[c.kind]}>{c.kind}</Badge>
                  </td>
                  <td className="px-3 py-1.5 text-xs text-slate-700">{c.details.join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
