import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import type { QueueFilter } from "@/lib/validation/review";
import { STATUS_LABELS, TYPE_LABELS } from "./review-badges";

type Options = { vendors: { slug: string; name: string }[]; teams: { slug: string; name: string }[]; reviewers: { id: string; name: string }[] };

function Select({ id, label, name, value, children }: { id: string; label: string; name: string; value: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">{label}</label>
      <select id={id} name={name} defaultValue={value} className={`${inputClass} w-44`}>{children}</select>
    </div>
  );
}

/** A plain GET form: every filter lives in the URL, so a filtered queue can be bookmarked and shared. */
export function QueueFilters({ filter, options, clauseLabel }: { filter: QueueFilter; options: Options; clauseLabel: string | null }) {
  return (
    <form method="get" action="/review" className="mb-3 flex flex-wrap items-end gap-3" aria-label="Filter the review queue">
      <Select id="q-status" label="Status" name="status" value={filter.status}>
        {Object.entries(STATUS_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        <option value="all">Any status</option>
      </Select>
      <Select id="q-type" label="Type" name="type" value={filter.type ?? ""}>
        <option value="">Any type</option>
        {Object.entries(TYPE_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </Select>
      <Select id="q-vendor" label="Vendor" name="vendor" value={filter.vendor ?? ""}>
        <option value="">Any vendor</option>
        {options.vendors.map((v) => <option key={v.slug} value={v.slug}>{v.name}</option>)}
      </Select>
      <Select id="q-team" label="Team" name="team" value={filter.team ?? ""}>
        <option value="">Any team</option>
        {options.teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
      </Select>
      <Select id="q-assignee" label="Reviewer" name="assignee" value={filter.assignee ?? ""}>
        <option value="">Anyone or no one</option>
        <option value="me">Assigned to me</option>
        <option value="none">Unassigned</option>
        {options.reviewers.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
      </Select>
      {filter.clause && (
        <div className="text-xs">
          <input type="hidden" name="clause" value={filter.clause} />
          <span className="block font-medium text-slate-700">Clause</span>
          <span className="inline-block py-1.5">{clauseLabel ?? filter.clause}</span>
        </div>
      )}
      <input type="hidden" name="sort" value={filter.sort} />
      <button type="submit" className={buttonClass("primary")}>Apply filters</button>
      <Link href="/review" className={buttonClass("ghost")}>Reset</Link>
    </form>
  );
}
