"use client";

import { useActionState } from "react";
import { Field, FormMessage, inputClass } from "@/components/ui/form-field";
import { RowActionForm } from "@/components/ui/row-action-form";
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
  /** what the cap limits: fixed ("external", "in_house", "tool:<id>"), or a choice the admin makes */
  capOn?: { value: string; label: string };
  capOnOptions?: { value: string; label: string }[];
};

/** Sets a role default, team default or personal override, of the external cap, the in-house cap or one tool's cap. */
export function CapForm({ scope, target, targetOptions, targetLabel = "Person", defaultTokens, submitLabel = "Save", capOn, capOnOptions }: Props) {
  const [state, action] = useActionState(setCapAction, {});
  const id = `${scope}-${capOn?.value ?? "choice"}-${target?.value ?? "new"}`;
  const on = capOn && capOn.value !== "external" ? ` on ${capOn.label}` : "";
  const name = target ? `Cap for ${target.label}${on}` : capOnOptions ? `New ${scope} cap on the in-house assistant or one tool` : `Add a ${scope} cap`;
  return (
    <form action={action} className="space-y-2" aria-label={name}>
      <div className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="scope" value={scope} />
        {capOn ? (
          <input type="hidden" name="capOn" value={capOn.value} />
        ) : capOnOptions ? (
          <div className="min-w-48">
            <Field name="capOn" label="Cap on" errors={state.errors?.capOn}>
              {(a11y) => (
                <select className={inputClass} defaultValue={state.values?.capOn ?? ""} {...a11y}>
                  <option value="">Choose…</option>
                  {capOnOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : null}
        {target ? (
          <input type="hidden" name="target" value={target.value} />
        ) : targetOptions ? (
          <div className="min-w-48">
            <Field name="target" label={targetLabel} errors={state.errors?.target}>
              {(a11y) => (
                <select className={inputClass} defaultValue={state.values?.target ?? ""} {...a11y}>
                  <option value="">Choose…</option>
                  {targetOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : (
          <div className="min-w-64">
            <Field name="target" label={targetLabel} errors={state.errors?.target}>
              {(a11y) => <input className={inputClass} placeholder="ana@example.com or employee id" defaultValue={state.values?.target} key={state.values?.target} {...a11y} />}
            </Field>
          </div>
        )}
        <div className="w-44">
          <Field name="monthlyTokens" label={target ? `Monthly tokens for ${target.label}${on}` : "Monthly tokens"} errors={state.errors?.monthlyTokens}>
            {(a11y) => (
              <input
                className={inputClass}
                inputMode="numeric"
                required
                defaultValue={state.values?.monthlyTokens ?? (defaultTokens !== undefined ? String(defaultTokens) : "")}
                key={`${id}-${defaultTokens}-${state.values?.monthlyTokens ?? ""}`}
                {...a11y}
              />
            )}
          </Field>
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
  return <RowActionForm action={removeCapAction} id={id} label="Remove" pendingLabel="Removing…" ariaLabel={`Remove the cap for ${label}`} variant="ghost" />;
}
