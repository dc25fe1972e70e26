import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500";

type FieldProps = { name: string; label: string; hint?: ReactNode; errors?: string[]; children: (a11y: FieldA11y) => ReactNode };
export type FieldA11y = { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string };

/**
 * A label, the control, a hint and the control's errors, tied together with ids for screen readers. Ids come from
 * useId(), so several forms with the same field names can share a page.
 */
export function Field({ name, label, hint, errors, children }: FieldProps) {
  const id = `field-${useId()}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, name, "aria-invalid": !!errors?.length, "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <div id={errorId} aria-live="polite">
        {errors?.map((e) => (
          <p key={e} className="text-xs text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}

type Common = { name: string; label: string; hint?: ReactNode; errors?: string[] };

export function TextField({ name, label, hint, errors, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      {(a11y) => <input className={inputClass} {...input} {...a11y} />}
    </Field>
  );
}

export function TextAreaField({ name, label, hint, errors, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      {(a11y) => <textarea className={inputClass} rows={3} {...input} {...a11y} />}
    </Field>
  );
}

type Option = { value: string; label: string };

export function SelectField({ name, label, hint, errors, options, placeholder, ...input }: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; placeholder?: string }) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      {(a11y) => (
        <select className={inputClass} {...input} {...a11y}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The form-level message of an ActionState, announced to screen readers. */
export function FormMessage({ state }: { state: { ok?: boolean; message?: string } }) {
  return (
    <div aria-live="polite" role="status">
      {state.message && (
        <p className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>{state.message}</p>
      )}
    </div>
  );
}
