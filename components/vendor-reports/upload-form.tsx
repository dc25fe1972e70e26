"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { uploadVendorReportAction } from "@/app/(portal)/admin/vendor-reports/actions";
import { FormMessage, inputClass } from "@/components/ui/form-field";
import { RowErrorsTable } from "@/components/ui/row-errors-table";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextFileField, useTextFile } from "@/components/ui/text-file-field";
import { MAX_UPLOAD_CHARS } from "@/lib/vendor-reports/limits";
import { KIND_LABEL, REPORT_KINDS, type RowError } from "@/lib/vendor-reports/types";

const selectClass = `mt-1 ${inputClass}`;

function UploadProgress() {
  const { pending } = useFormStatus();
  if (!pending) return null;
  return (
    <div className="flex items-center gap-2 text-sm text-slate-700" role="status">
      <progress aria-label="Uploading the report" className="h-2 w-40" />
      Uploading and checking every row…
    </div>
  );
}

/**
 * Pick a report file and import it: the file is read in the browser and sent as text; the server checks every row
 * before storing anything. Vendor and kind are found from the content; the selects override them.
 */
export function UploadVendorReportForm() {
  const [state, action] = useActionState(uploadVendorReportAction, {});
  const { file, readError, pick } = useTextFile(MAX_UPLOAD_CHARS, "The file is over 900 KB: send it with POST /api/v1/vendor-reports (up to 20 MB) instead.");
  const errors = (state.data as { status?: string; errors?: RowError[] } | undefined)?.status === "invalid" ? ((state.data as { errors: RowError[] }).errors ?? []) : [];
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-3" aria-label="Upload a vendor report">
        <div className="grid gap-3 md:grid-cols-[2fr_1fr_1fr]">
          <TextFileField
            id="vendor-report-file"
            label="Report file"
            accept=".json,.jsonl,.ndjson,.csv,application/json,text/csv"
            hint="JSON as the vendor's API returns it (pages back to back, one per line, or in an array) or CSV. Up to 900 KB here; larger files through the API."
            errors={[readError, ...(state.errors?.text ?? [])]}
            onChange={pick}
          />
          <div>
            <label htmlFor="vendor-report-vendor" className="block text-sm font-medium text-slate-800">
              Vendor
            </label>
            <select id="vendor-report-vendor" name="vendor" defaultValue="" className={selectClass}>
              <option value="">Detect from the file</option>
              <option value="anthropic">Anthropic</option>
              <option value="openai">OpenAI</option>
              <option value="google">Google</option>
            </select>
          </div>
          <div>
            <label htmlFor="vendor-report-kind" className="block text-sm font-medium text-slate-800">
              Kind of report
            </label>
            <select id="vendor-report-kind" name="kind" defaultValue="" className={selectClass}>
              <option value="">Detect from the file</option>
              {REPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <input type="hidden" name="text" value={file?.text ?? ""} />
        <input type="hidden" name="fileName" value={file?.name ?? ""} />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pendingLabel="Importing…" disabled={!file || !!readError}>
            Import report
          </SubmitButton>
          <UploadProgress />
        </div>
        <FormMessage state={state} />
      </form>

      <RowErrorsTable caption="Problems to fix (nothing was imported)" errors={errors} />
    </div>
  );
}
