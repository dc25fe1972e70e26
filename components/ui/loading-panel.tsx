/**
 * What a slow part of a page shows while its data loads (a report can take a second). Pages put it as the
 * fallback of a <Suspense> around the part that loads, after their role check, so 403 and 404 keep their status.
 */
export function LoadingPanel({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <p className="text-sm text-slate-600">{label}</p>
      <div aria-hidden="true" className="space-y-3 motion-safe:animate-pulse">
        <div className="h-20 rounded-md bg-slate-200" />
        <div className="h-48 rounded-md bg-slate-200" />
        <div className="h-48 rounded-md bg-slate-200" />
      </div>
    </div>
  );
}
