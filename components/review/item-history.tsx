import { formatDateTime } from "@/components/ui/format";

type Entry = { seq: bigint; at: Date; actorType: string; actorId: string | null; actorName?: string | null; action: string; data: unknown };

/** The item's audit entries, oldest first: who did what, when, with the chain sequence number. */
export function ItemHistory({ entries, timeZone }: { entries: Entry[]; timeZone: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No recorded changes yet.</p>;
  return (
    <ol className="space-y-2 text-sm">
      {entries.map((e) => (
        <li key={String(e.seq)} className="border-l-2 border-slate-200 pl-2">
          <code className="text-xs">{e.action}</code>
          <span className="block text-xs text-slate-500">
            #{String(e.seq)} · {formatDateTime(e.at, timeZone)} · {e.actorName ?? e.actorType}
          </span>
          {typeof e.data === "object" && e.data && "note" in e.data && (e.data as { note?: unknown }).note ? (
            <span className="block text-xs text-slate-700">{String((e.data as { note?: unknown }).note)}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
