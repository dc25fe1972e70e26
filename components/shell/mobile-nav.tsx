"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import type { NavItem } from "@/lib/navigation";
import { Sidebar } from "./sidebar";

/** Below the md breakpoint the sidebar folds into this menu button; the menu closes on navigation and on Escape. */
export function MobileNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const pathname = usePathname();
  const panelId = useId();
  // Following a link closes the menu (the path changed since it was opened).
  if (open && openedAt !== pathname) setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen((o) => !o);
        }}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span aria-hidden="true">☰</span> Menu
      </button>
      {open && (
        <div id={panelId} className="absolute inset-x-0 top-full z-20 max-h-[80vh] overflow-y-auto bg-slate-900 px-3 py-4 shadow-lg dark:bg-slate-50">
          <Sidebar items={items} />
        </div>
      )}
    </div>
  );
}
