import { Pager } from "@/components/review/pager";

/**
 * Under a list that shows one page at a time: says which rows are shown out of how many, and pages.
 * A list never stops at a limit silently.
 */
export function ListPager({ page, pageSize, total, href, label }: { page: number; pageSize: number; total: number; href: (page: number) => string; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) return null;
  const first = Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  return (
    <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
      <p>
        Showing {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {total.toLocaleString("en-US")}.
      </p>
      <Pager page={Math.min(page, pages)} pages={pages} href={href} label={label} />
    </div>
  );
}

