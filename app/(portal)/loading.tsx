/** Shown while a portal page's data loads (reports can take a second): the shell stays, the content says so. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <p className="text-sm text-slate-600">Loading…</p>
      <div aria-hidden="true" className="space-y-3 motion-safe:animate-pulse">
        <div className="h-7 w-64 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
        <div className="h-40 rounded-md bg-slate-200" />
        <div className="h-40 rounded-md bg-slate-200" />
      </div>
    </div>
  );
}
