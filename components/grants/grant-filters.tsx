import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { GRANT_STATES } from "@/lib/validation/grant";

type Option = { value: string; label: string };

/** A GET form: the filters live in the URL, so a filtered log is a link and the CSV takes the same query. */
export function GrantFilters({ tools, values, csvHref }: { tools: Option[]; values: Record<string, string>; csvHref: string }) {
  const field = "block text-xs font-medium text-slate-700";
  return (
    <form method="get" action="/grants" className="grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto]" aria-label="Filter grants">
      <div>
        <label htmlFor="grant-person" className={field}>
          Person
        </label>
        <input id="grant-person" name="person" type="search" placeholder="Name or email" defaultValue={values.person ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="grant-tool" className={field}>
          Tool
        </label>
        <select id="grant-tool" name="tool" defaultValue={values.tool ?? ""} className={inputClass}>
          <option value="">All tools</option>
          {tools.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="grant-status" className={field}>
          Status
        </label>
        <select id="grant-status" name="status" defaultValue={values.status ?? ""} className={inputClass}>
          <option value="">Any status</option>
          {GRANT_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="grant-from" className={field}>
          Active from
        </label>
        <input id="grant-from" name="from" type="date" defaultValue={values.from ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="grant-to" className={field}>
          Active until
        </label>
        <input id="grant-to" name="to" type="date" defaultValue={values.to ?? ""} className={inputClass} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary", "md")}>
          Filter
        </button>
        <a href={csvHref} className={buttonClass("secondary", "md")} download>
          Export CSV
        </a>
      </div>
    </form>
  );
}
