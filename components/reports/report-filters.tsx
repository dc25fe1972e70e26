import { inputClass } from "@/components/ui/form-field";
import type { TeamOption } from "@/lib/reports/report-scope";
import type { ReportFilters } from "@/lib/validation/report";

/**
 * Range, team and grain pickers as a plain GET form: the state lives in the URL, so links are shareable
 * and the page works without JavaScript.
 */
export function ReportFiltersForm({ filters, teams, companyLabel, action }: { filters: ReportFilters; teams?: TeamOption[]; companyLabel?: string; action: string }) {
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 print:hidden" aria-label="Report filters">
      <label className="text-xs font-medium text-slate-700">
        Range
        <select name="range" defaultValue={filters.preset} className={`${inputClass} mt-1 w-40`}>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
          <option value="365">Last 365 days</option>
          <option value="custom">Custom (from – to)</option>
        </select>
      </label>
      <label className="text-xs font-medium text-slate-700">
        From
        <input type="date" name="from" defaultValue={filters.from} className={`${inputClass} mt-1 w-40`} />
      </label>
      <label className="text-xs font-medium text-slate-700">
        To
        <input type="date" name="to" defaultValue={filters.to} className={`${inputClass} mt-1 w-40`} />
      </label>
      {teams && (
        <label className="text-xs font-medium text-slate-700">
          Team
          <select name="team" defaultValue={filters.team ?? ""} className={`${inputClass} mt-1 w-52`}>
            <option value="">{companyLabel ?? "All"}</option>
            {teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="text-xs font-medium text-slate-700">
        Group by
        <select name="grain" defaultValue={filters.grain} className={`${inputClass} mt-1 w-28`}>
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
      </label>
      <button type="submit" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        Apply
      </button>
      <p className="basis-full text-xs text-slate-500">From and To apply when Range is Custom. {filters.from} to {filters.to}.</p>
    </form>
  );
}
