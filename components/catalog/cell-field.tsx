"use client";

import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";

type Base = { id: string; label: string; errors?: string[] };

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={`${id}-error`} aria-live="polite">
      {errors?.map((e) => (
        <p key={e} className="mt-0.5 text-xs text-red-700">
          {e}
        </p>
      ))}
    </div>
  );
}

/** An input inside a table row: the label is for screen readers (the column header says it to everyone else). */
export function CellInput({ id, label, errors, disabled, ...input }: Base & InputHTMLAttributes<HTMLInputElement>) {
  // Row values live in React state (useRowValues): nothing may be typed before the page is interactive.
  const hydrated = useHydrated();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} disabled={!hydrated || disabled} className={`${inputClass} py-1`} aria-invalid={!!errors?.length} aria-describedby={errors?.length ? `${id}-error` : undefined} {...input} />
      <Errors id={id} errors={errors} />
    </>
  );
}

export function CellSelect({ id, label, errors, options, disabled, ...select }: Base & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const hydrated = useHydrated();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} disabled={!hydrated || disabled} className={`${inputClass} py-1`} aria-invalid={!!errors?.length} aria-describedby={errors?.length ? `${id}-error` : undefined} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Errors id={id} errors={errors} />
    </>
  );
}

export function RowStatus({ state }: { state: { ok?: boolean; message?: string } }) {
  return (
    <span role="status" aria-live="polite" className={`block text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
      {state.message}
    </span>
  );
}

export const SENSITIVITY_OPTIONS = [
  { value: "general", label: "General" },
  { value: "confidential", label: "Confidential" },
  { value: "training_data", label: "Training data" },
];

export const DISPOSITION_OPTIONS = [
  { value: "allowed", label: "Allowed" },
  { value: "exception_required", label: "Exception required" },
  { value: "prohibited_external", label: "Prohibited for external tools" },
];

export const STATUS_OPTIONS = [
  { value: "approved", label: "Approved" },
  { value: "restricted", label: "Restricted" },
  { value: "blocked", label: "Blocked" },
];
