"use client";

import { inputClass } from "@/components/ui/form-field";
import type { PolicyClause } from "@/lib/policy/evaluate";
import type { EditableRule } from "@/lib/policy/rule-draft";

export type Named = { id: string; name: string };
export type EditorOptions = { tools: Named[]; activities: Named[]; teams: Named[]; clauses: PolicyClause[] };

const KINDS = [
  { id: "external", name: "External" },
  { id: "internal", name: "Internal" },
];
const DISPOSITIONS = [
  { id: "allowed", name: "Allowed" },
  { id: "exception_required", name: "Exception required" },
  { id: "prohibited_external", name: "Prohibited for external" },
];
const SENSITIVITIES = [
  { id: "general", name: "General" },
  { id: "confidential", name: "Confidential" },
  { id: "training_data", name: "Training data" },
];
const EFFECTS = [
  { id: "allow", name: "Allow" },
  { id: "require_exception", name: "Require exception" },
  { id: "deny", name: "Deny" },
];

type Props = {
  rule: EditableRule;
  index: number;
  options: EditorOptions;
  errors: Record<string, string[]> | undefined;
  onChange: (patch: Partial<EditableRule>) => void;
};

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite">
      {errors?.map((e) => (
        <p key={e} className="mt-0.5 text-xs text-red-700">
          {e}
        </p>
      ))}
    </div>
  );
}

/** One rule's match conditions, effect, message and cited clauses. */
export function RuleFields({ rule, index, options, errors, onChange }: Props) {
  const base = `rule-${rule.key}`;
  const err = (field: string) => errors?.[`rules.${index}.${field}`];
  const select = (field: keyof EditableRule, label: string, items: Named[], anyLabel?: string) => {
    const id = `${base}-${field}`;
    const e = err(field);
    return (
      <div>
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          {label}
        </label>
        <select
          id={id}
          className={`${inputClass} py-1`}
          value={rule[field] as string}
          onChange={(ev) => onChange({ [field]: ev.target.value })}
          aria-invalid={!!e?.length}
          aria-describedby={e?.length ? `${id}-error` : undefined}
        >
          {anyLabel !== undefined && <option value="">{anyLabel}</option>}
          {items.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <Errors id={`${id}-error`} errors={e} />
      </div>
    );
  };
  const text = (field: "name" | "message", label: string, multiline = false) => {
    const id = `${base}-${field}`;
    const e = err(field);
    const a11y = { id, "aria-invalid": !!e?.length, "aria-describedby": e?.length ? `${id}-error` : undefined };
    return (
      <div className={multiline ? "sm:col-span-3" : ""}>
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          {label}
        </label>
        {multiline ? (
          <textarea rows={2} className={`${inputClass} py-1`} value={rule[field]} onChange={(ev) => onChange({ [field]: ev.target.value })} {...a11y} />
        ) : (
          <input className={`${inputClass} py-1`} value={rule[field]} onChange={(ev) => onChange({ [field]: ev.target.value })} {...a11y} />
        )}
        <Errors id={`${id}-error`} errors={e} />
      </div>
    );
  };
  const toggleClause = (id: string, on: boolean) => onChange({ clauseIds: on ? [...rule.clauseIds, id] : rule.clauseIds.filter((c) => c !== id) });

  return (
    <div className="grid gap-2 sm:grid-cols-4">
      {text("name", `Rule ${index + 1} name`)}
      {select("effect", "Effect", EFFECTS)}
      <div className="sm:col-span-2" />
      {select("toolId", "Tool", options.tools, "Any tool")}
      {select("toolKind", "Tool kind", KINDS, "Any kind")}
      {select("activityId", "Activity", options.activities, "Any activity")}
      {select("disposition", "Activity disposition", DISPOSITIONS, "Any disposition")}
      {select("sensitivity", "Project sensitivity", SENSITIVITIES, "Any sensitivity")}
      {select("teamId", "Team (and sub-teams)", options.teams, "Any team")}
      <div className="sm:col-span-2" />
      {text("message", "Message people see", true)}
      <fieldset className="sm:col-span-4">
        <legend className="sr-only">Clauses rule {index + 1} cites</legend>
        <details>
          <summary className="cursor-pointer text-xs font-medium text-slate-700">
            Cited clauses ({rule.clauseIds.length}){" "}
            <span className="font-normal text-slate-500">
              {options.clauses
                .filter((c) => rule.clauseIds.includes(c.id))
                .map((c) => `${c.vendor} ${c.ref}`)
                .join(", ")}
            </span>
          </summary>
          <div className="mt-1 grid max-h-56 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2">
            {options.clauses.length === 0 && <p className="text-xs text-slate-500">The clause library is empty.</p>}
            {options.clauses.map((c) => (
              <label key={c.id} className="flex items-start gap-2 text-xs text-slate-700">
                <input type="checkbox" className="mt-0.5" checked={rule.clauseIds.includes(c.id)} onChange={(ev) => toggleClause(c.id, ev.target.checked)} />
                <span>
                  <strong>
                    {c.vendor} {c.ref}
                  </strong>{" "}
                  ({c.severity}) {c.summary}
                </span>
              </label>
            ))}
          </div>
        </details>
        <Errors id={`${base}-clauses-error`} errors={err("clauseIds")} />
      </fieldset>
    </div>
  );
}
