"use client";

import { useActionState, useMemo, useState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { diffTerms, type TermsClause } from "@/lib/clauses/diff-terms";
import type { Severity } from "@/lib/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { FormMessage, inputClass, TextField } from "@/components/ui/form-field";
import { ClientFieldset } from "@/components/ui/client-fieldset";
import { SubmitButton } from "@/components/ui/submit-button";
import { TermsDiffView } from "./terms-diff-view";

type Props = {
  vendorId: string;
  vendorName: string;
  defaults: { title: string; url: string };
  previous: TermsClause[];
  activities: { slug: string; name: string }[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

type Draft = TermsClause & { key: number };
const SEVERITIES: Severity[] = ["low", "medium", "high", "critical"];

/** A new terms version starts as a copy of the previous one; the diff below updates as clauses are edited. */
export function TermsVersionForm({ vendorId, vendorName, defaults, previous, activities, action }: Props) {
  const [state, formAction] = useActionState(action, {});
  const [rows, setRows] = useState<Draft[]>(() => previous.map((c, i) => ({ ...c, key: i })));
  const [nextKey, setNextKey] = useState(previous.length);
  const diff = useMemo(() => diffTerms(previous, rows), [previous, rows]);
  const update = (key: number, patch: Partial<TermsClause>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const payload = JSON.stringify(rows.map(({ ref, summary, restrictedActivities, severity }) => ({ ref, summary, restrictedActivities, severity })));

  return (
    <form action={formAction} className="space-y-4" aria-label={`New terms version for ${vendorName}`}>
      <input type="hidden" name="vendorId" value={vendorId} />
      <input type="hidden" name="clauses" value={payload} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="title" label="Title" required defaultValue={state.values?.title ?? defaults.title} errors={state.errors?.title} />
        <TextField name="version" label="Version" required placeholder="e.g. 2027-01" defaultValue={state.values?.version} errors={state.errors?.version} />
        <TextField name="effectiveDate" label="Effective date" type="date" required defaultValue={state.values?.effectiveDate} errors={state.errors?.effectiveDate} />
        <TextField name="url" label="Address (URL)" type="url" required defaultValue={state.values?.url ?? defaults.url} errors={state.errors?.url} />
      </div>
      <ClientFieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Clauses ({rows.length})</legend>
        {rows.map((r, i) => (
          <div key={r.key} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-6" role="group" aria-label={`Clause ${i + 1}`}>
            <div>
              <label className="block text-xs font-medium text-slate-700" htmlFor={`ref-${r.key}`}>Reference</label>
              <input id={`ref-${r.key}`} className={inputClass} value={r.ref} onChange={(e) => update(r.key, { ref: e.target.value })} />
            </div>
            <div className="sm:col-span-3">
              <label className="block text-xs font-medium text-slate-700" htmlFor={`summary-${r.key}`}>Summary</label>
              <textarea id={`summary-${r.key}`} rows={2} className={inputClass} value={r.summary} onChange={(e) => update(r.key, { summary: e.target.value })} />
            </div>
            <div>
              <label className="block text-xs font-medium text-slate-700" htmlFor={`severity-${r.key}`}>Severity</label>
              <select id={`severity-${r.key}`} className={inputClass} value={r.severity} onChange={(e) => update(r.key, { severity: e.target.value as Severity })}>
                {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
              <Button variant="ghost" size="sm" className="mt-2 text-red-700" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                Remove clause {i + 1}
              </Button>
            </div>
            <div>
              <label className="block text-xs font-medium text-slate-700" htmlFor={`acts-${r.key}`}>Restricted activities</label>
              <select
                id={`acts-${r.key}`}
                multiple
                size={4}
                className={inputClass}
                value={r.restrictedActivities}
                onChange={(e) => update(r.key, { restrictedActivities: [...e.target.selectedOptions].map((o) => o.value) })}
              >
                {activities.map((a) => <option key={a.slug} value={a.slug}>{a.name}</option>)}
              </select>
            </div>
          </div>
        ))}
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setRows((rs) => [...rs, { key: nextKey, ref: "", summary: "", restrictedActivities: [], severity: "medium" }]);
            setNextKey((k) => k + 1);
          }}
        >
          Add a clause
        </Button>
        {state.errors?.clauses?.map((e) => <p key={e} className="text-xs text-red-700">{e}</p>)}
      </ClientFieldset>
      <section aria-labelledby="diff-preview" className="rounded-md border border-slate-200 p-3">
        <h2 id="diff-preview" className="mb-2 text-sm font-semibold">Changes against the current version</h2>
        <TermsDiffView diff={diff} />
      </section>
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Publishing…">Publish version</SubmitButton>
    </form>
  );
}
