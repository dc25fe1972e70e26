"use client";

import { useActionState, useId, type ReactNode } from "react";
import { FormMessage, inputClass } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { removeCapAction, setCapAction } from "./actions";

type Props = {
  scope: "role" | "team" | "user";
  /** a fixed target (hidden), or a choice / free text the admin fills in */
  target?: { value: string; label: string };
  targetOptions?: { value: string; label: string }[];
  targetLabel?: string;
  defaultTokens?: number;
  submitLabel?: string;
};

/**
 * A labelled control with its errors. The page holds many cap forms with the same field names, so ids come
 * from useId() (the shared Field derives them from the name, which would repeat here).
 */
function CapField({ label, errors, children }: { label: string; errors?: string[]; children: (a11y: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, "aria-invalid": !!errors?.length, "aria-describedby": errors?.length ? errorId : undefined })}
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

/** Sets a role default, team default or personal override. */
export function CapForm({ scope, target, targetOptions, targetLabel = "Person", defaultTokens, submitLabel = "Save" }: Props) {
  const [state, action] = useActionState(setCapAction, {});
  const id = `${scope}-${target?.value ?? "new"}`;
  return (
    <form action={action} className="space-y-2" aria-label={target ? `Cap for ${target.label}` : `Add a ${scope} cap`}>
      <div className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="scope" value={scope} />
        {target ? (
          <input type="hidden" name="target" value={target.value} />
        ) : targetOptions ? (
          <div className="min-w-48">
            <CapField label={targetLabel} errors={state.errors?.target}>
              {(a11y) => (
                <select name="target" className={inputClass} defaultValue={state.values?.target ?? ""} {...a11y}>
                  <option value="">Choose…</option>
                  {targetOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </CapField>
          </div>
        ) : (
          <div className="min-w-64">
            <CapField label={targetLabel} errors={state.errors?.target}>
              {(a11y) => <input name="target" className={inputClass} placeholder="ana@example.com or employee id" defaultValue={state.values?.target} key={state.values?.target} {...a11y} />}
            </CapField>
          </div>
        )}
        <div className="w-44">
          <CapField label={target ? `Monthly tokens for ${target.label}` : "Monthly tokens"} errors={state.errors?.monthlyTokens}>
            {(a11y) => (
              <input
                name="monthlyTokens"
                className={inputClass}
                inputMode="numeric"
                required
                defaultValue={state.values?.monthlyTokens ?? (defaultTokens !== undefined ? String(defaultTokens) : "")}
                key={`${id}-${defaultTokens}-${state.values?.monthlyTokens ?? ""}`}
                {...a11y}
              />
            )}
          </CapField>
        </div>
        <div className="pb-0.5">
          <SubmitButton size="sm" pendingLabel="Saving…">
            {submitLabel}
          </SubmitButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RemoveCapButton({ id, label }: { id: string; label: string }) {
  const [state, action] = useActionState(removeCapAction, {});
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="ghost" size="sm" pendingLabel="Removing…" aria-label={`Remove the cap for ${label}`}>
        Remove
      </SubmitButton>
      {state.message && !state.ok && (
        <span role="status" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
