"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/navigation";

const SECTIONS: NavItem["section"][] = ["Work", "Review", "Reports", "Admin"];

/** The entry whose href is the longest prefix of the path is the current page. */
function currentHref(items: NavItem[], pathname: string): string | undefined {
  return items
    .filter((i) => (i.href === "/" ? pathname === "/" : pathname === i.href || pathname.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

export function Sidebar({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const current = currentHref(items, pathname);
  return (
    <nav aria-label="Main" className="space-y-5">
      {SECTIONS.map((section) => {
        const entries = items.filter((i) => i.section === section);
        if (!entries.length) return null;
        return (
          <div key={section}>
            <h2 className="px-2 text-[11px] font-semibold uppercase tracking-wider text-slate-400 dark:text-slate-600">{section}</h2>
            <ul className="mt-1 space-y-0.5">
              {entries.map((i) => {
                const active = i.href === current;
                return (
                  <li key={i.href}>
                    <Link
                      href={i.href}
                      aria-current={active ? "page" : undefined}
                      className={`block rounded-md px-2 py-1.5 text-sm ${active ? "bg-slate-800 font-medium text-white dark:bg-slate-200 dark:text-slate-950" : "text-slate-300 hover:bg-slate-800/60 hover:text-white dark:text-slate-700 dark:hover:bg-slate-200/60 dark:hover:text-slate-950"}`}
                    >
                      {i.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
