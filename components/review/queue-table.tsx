"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-client";
import { inputClass } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ReviewStatusBadge, SeverityBadge, TYPE_LABELS } from "./review-badges";
import type { ReviewStatus, ReviewType, Severity } from "@/lib/generated/prisma/enums";

export type QueueRowView = {
  id: string;
  type: ReviewType;
  status: ReviewStatus;
  severity: Severity;
  title: string;
  age: string;
  openedAt: string;
  person: string | null;
  team: string | null;
  tool: string | null;
  vendor: string | null;
  clauses: string[];
  events: number;
  assignee: string | null;
};

type Props = {
  rows: QueueRowView[];
  reviewers: { id: string; name: string }[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  sortLinks: { severity: string; age: string; current: "severity" | "age" };
};

/** The queue page: pick rows, then assign, clear or escalate them together. */
export function QueueTable({ rows, reviewers, action, sortLinks }: Props) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [state, formAction] = useActionState(action, {});
  // The selection lives in React state: the checkboxes wait for the page to be interactive.
  const hydrated = useHydrated();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-2">
      <form action={formAction} className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2" aria-label="Bulk actions">
        <input type="hidden" name="itemIds" value={[...selected].join(",")} />
        <span className="text-xs text-slate-700" aria-live="polite">
          {selected.size} selected
        </span>
        <label className="text-xs font-medium text-slate-700" htmlFor="bulk-action">
          Action
        </label>
        <select id="bulk-action" name="action" className={`${inputClass} w-44`} defaultValue="assign_me">
          <option value="assign_me">Assign to me</option>
          <option value="assign">Assign to…</option>
          <option value="unassign">Unassign</option>
          <option value="clear">Clear</option>
          <option value="escalate">Escalate</option>
        </select>
        <label className="text-xs font-medium text-slate-700" htmlFor="bulk-assignee">
          Reviewer
        </label>
        <select id="bulk-assignee" name="assigneeId" className={`${inputClass} w-44`} defaultValue="">
          <option value="">—</option>
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <label className="text-xs font-medium text-slate-700" htmlFor="bulk-note">
          Note
        </label>
        <input id="bulk-note" name="note" className={`${inputClass} w-56`} placeholder="Why (for clear / escalate)" />
        <SubmitButton size="sm" disabled={selected.size === 0}>
          Apply to selection
        </SubmitButton>
        <div className="basis-full">
          <FormMessage state={state} />
          {state.errors && Object.values(state.errors).flat().map((e) => <p key={e} className="text-xs text-red-700">{e}</p>)}
        </div>
      </form>
      <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Review items</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all items on this page"
                  disabled={!hydrated}
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th scope="col" className="px-3 py-2" aria-sort={sortLinks.current === "severity" ? "descending" : undefined}>
                <Link href={sortLinks.severity} className="hover:text-slate-900">Severity {sortLinks.current === "severity" ? "▼" : "↕"}</Link>
              </th>
              <th scope="col" className="px-3 py-2">Item</th>
              <th scope="col" className="px-3 py-2">Person</th>
              <th scope="col" className="px-3 py-2">Tool</th>
              <th scope="col" className="px-3 py-2">Clauses</th>
              <th scope="col" className="px-3 py-2 text-right">Events</th>
              <th scope="col" className="px-3 py-2" aria-sort={sortLinks.current === "age" ? "descending" : undefined}>
                <Link href={sortLinks.age} className="hover:text-slate-900">Age {sortLinks.current === "age" ? "▼" : "↕"}</Link>
              </th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Reviewer</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {rows.map((r) => (
              <tr key={r.id} className={selected.has(r.id) ? "bg-indigo-50" : "hover:bg-slate-50"}>
                <td className="px-3 py-1.5">
                  <input type="checkbox" aria-label={`Select ${r.title}`} disabled={!hydrated} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td className="px-3 py-1.5"><SeverityBadge severity={r.severity} /></td>
                <td className="px-3 py-1.5">
                  <Link href={`/review/${r.id}`} className="font-medium text-indigo-700 hover:underline">{r.title}</Link>
                  <span className="block text-xs text-slate-500">{TYPE_LABELS[r.type]}</span>
                </td>
                <td className="px-3 py-1.5">
                  {r.person ?? "—"}
                  {r.team && <span className="block text-xs text-slate-500">{r.team}</span>}
                </td>
                <td className="px-3 py-1.5">
                  {r.tool ?? "—"}
                  {r.vendor && <span className="block text-xs text-slate-500">{r.vendor}</span>}
                </td>
                <td className="px-3 py-1.5 text-xs">{r.clauses.join(", ") || "—"}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{r.events}</td>
                <td className="px-3 py-1.5 whitespace-nowrap"><time dateTime={r.openedAt} title={r.openedAt}>{r.age}</time></td>
                <td className="px-3 py-1.5"><ReviewStatusBadge status={r.status} /></td>
                <td className="px-3 py-1.5">{r.assignee ?? <span className="text-slate-500">Unassigned</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
