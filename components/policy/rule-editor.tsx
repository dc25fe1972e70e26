"use client";

import { useActionState, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/form-field";
import { ClientFieldset } from "@/components/ui/client-fieldset";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-client";
import { computePolicyImpact, type ImpactCase, type ImpactCatalog } from "@/lib/policy/policy-impact";
import type { PolicyRuleInput } from "@/lib/policy/evaluate";
import { serializeRules, toEditableRule, toRuleInputs, type EditableRule } from "@/lib/policy/rule-draft";
import { ImpactTable } from "./impact-table";
import { RuleFields, type EditorOptions } from "./rule-fields";

type Props = {
  save: (state: ActionState, formData: FormData) => Promise<ActionState>;
  baseVersion: number;
  rules: PolicyRuleInput[];
  options: EditorOptions;
  impactCases: ImpactCase[];
  impactCatalog: ImpactCatalog;
};

let counter = 0;
const newRule = (): EditableRule => ({
  key: `new-${++counter}`,
  name: "",
  toolId: "",
  toolKind: "",
  activityId: "",
  disposition: "",
  sensitivity: "",
  teamId: "",
  effect: "require_exception",
  message: "",
  clauseIds: [],
});

/** Edits the whole rule list in the browser; saving sends it as one new policy version. */
export function RuleEditor({ save, baseVersion, rules: initial, options, impactCases, impactCatalog }: Props) {
  const [state, action] = useActionState(save, {});
  const [rules, setRules] = useState(() => initial.map(toEditableRule));
  const [note, setNote] = useState("");
  const clausesById = useMemo(() => new Map(options.clauses.map((c) => [c.id, c])), [options.clauses]);
  const impact = useMemo(
    () => computePolicyImpact(impactCases, impactCatalog, { version: baseVersion, rules: initial }, { version: baseVersion + 1, rules: toRuleInputs(rules, clausesById) }),
    [impactCases, impactCatalog, baseVersion, initial, rules, clausesById],
  );

  const update = (i: number, patch: Partial<EditableRule>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) =>
    setRules((rs) => {
      const next = [...rs];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });
  const remove = (i: number) => setRules((rs) => rs.filter((_, j) => j !== i));
  const insertAfter = (i: number) => setRules((rs) => [...rs.slice(0, i + 1), newRule(), ...rs.slice(i + 1)]);

  return (
    <form action={action} className="space-y-4" aria-label="Edit policy rules">
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <input type="hidden" name="rules" value={serializeRules(rules)} />
      <ClientFieldset className="space-y-4">
      <p className="text-sm text-slate-600">
        Rules are checked top to bottom; the first that matches decides. Blocked tools, inactive people, training-data projects and prohibited activities for
        external tools are denied whatever the rules say.
      </p>
      <ol className="space-y-3">
        {rules.map((rule, i) => (
          <li key={rule.key} className="rounded-md border border-slate-200 bg-white p-3" aria-label={`Rule ${i + 1}${rule.name ? `: ${rule.name}` : ""}`}>
            <div className="mb-2 flex items-center justify-between gap-2">
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">#{i + 1}</span>
              <div className="flex gap-1">
                <Button size="sm" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move rule ${i + 1} up`}>
                  ↑ Up
                </Button>
                <Button size="sm" variant="ghost" onClick={() => move(i, 1)} disabled={i === rules.length - 1} aria-label={`Move rule ${i + 1} down`}>
                  ↓ Down
                </Button>
                <Button size="sm" variant="ghost" onClick={() => insertAfter(i)} aria-label={`Add a rule after rule ${i + 1}`}>
                  + After
                </Button>
                <Button size="sm" variant="ghost" onClick={() => remove(i)} aria-label={`Remove rule ${i + 1}`}>
                  Remove
                </Button>
              </div>
            </div>
            <RuleFields rule={rule} index={i} options={options} errors={state.errors} onChange={(patch) => update(i, patch)} />
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => insertAfter(rules.length - 1)}>
          Add rule at the end
        </Button>
      </div>
      {state.errors?.rules && <p className="text-sm text-red-700">{state.errors.rules.join(" ")}</p>}

      <section aria-labelledby="impact-heading" className="space-y-2">
        <h2 id="impact-heading" className="text-sm font-semibold text-slate-900">
          Impact of these edits ({impact.length})
        </h2>
        <ImpactTable rows={impact} catalog={impactCatalog} beforeLabel={`Now (v${baseVersion})`} afterLabel="With these edits" />
      </section>

      <div className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
        <div className="min-w-72 flex-1">
          <label htmlFor="policy-note" className="block text-sm font-medium text-slate-800">
            Note for the change log
          </label>
          <input id="policy-note" name="note" className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} placeholder="Why the rules change" />
        </div>
        <SubmitButton pendingLabel="Saving…">Save as version {baseVersion + 1}</SubmitButton>
      </div>
      </ClientFieldset>
      <FormMessage state={state} />
    </form>
  );
}
