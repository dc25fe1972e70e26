import type { TermsClause, TermsDiff } from "@/lib/clauses/diff-terms";
import { Badge } from "@/components/ui/badge";

const FIELD_LABELS = { summary: "summary", restrictedActivities: "restricted activities", severity: "severity" } as const;

/** Added, removed and edited clauses; edited ones show before and after of what changed. */
export function TermsDiffView<T extends TermsClause>({ diff }: { diff: TermsDiff<T> }) {
  const nothing = diff.added.length + diff.removed.length + diff.edited.length === 0;
  if (nothing) return <p className="text-sm text-slate-600">No clause changed ({diff.unchanged.length} unchanged).</p>;
  return (
    <div className="space-y-2 text-sm">
      <p className="text-xs text-slate-600">
        {diff.added.length} added · {diff.removed.length} removed · {diff.edited.length} edited · {diff.unchanged.length} unchanged
      </p>
      <ul className="space-y-2">
        {diff.added.map((c, i) => (
          <li key={`a-${i}-${c.ref}`}><Badge tone="success">added</Badge> <strong>{c.ref || "(no reference yet)"}</strong> — {c.summary}</li>
        ))}
        {diff.removed.map((c) => (
          <li key={`r-${c.ref}`}><Badge tone="danger">removed</Badge> <strong>{c.ref}</strong> — <span className="line-through">{c.summary}</span></li>
        ))}
        {diff.edited.map((e) => (
          <li key={`e-${e.ref}`}>
            <Badge tone="warning">edited</Badge> <strong>{e.ref}</strong> <span className="text-xs text-slate-600">({e.changed.map((f) => FIELD_LABELS[f]).join(", ")})</span>
            <dl className="mt-1 grid gap-1 pl-4 text-xs">
              {e.changed.map((f) => (
                <div key={f}>
                  <dt className="font-medium text-slate-600">{FIELD_LABELS[f]}</dt>
                  <dd><span className="bg-red-50 line-through">{String(e.before[f])}</span> → <span className="bg-emerald-50">{String(e.after[f])}</span></dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
