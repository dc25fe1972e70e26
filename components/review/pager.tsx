import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Previous / next links for server-side paging; `href(page)` builds each link. */
export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="mt-3 flex items-center gap-2 text-xs text-slate-600">
      {page > 1 ? (
        <Link className={buttonClass("secondary", "sm")} href={href(page - 1)} rel="prev">
          Previous
        </Link>
      ) : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className={buttonClass("secondary", "sm")} href={href(page + 1)} rel="next">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
