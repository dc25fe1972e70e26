import { formatCount, formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";

export type EventRowView = {
  id: string;
  externalId: string;
  occurredAt: Date;
  receivedAt: Date;
  inputTokens: number;
  outputTokens: number;
  outcome: string;
  reasonCodes: string[];
  user?: { email: string } | null;
  tool: { slug: string };
  project: { key: string } | null;
  activity: { slug: string };
};

/** The usage events behind an item: when, what, and how policy judged each one. */
export function EventsTable({ events, timeZone, caption }: { events: EventRowView[]; timeZone: string; caption: string }) {
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Occurred</th>
            <th scope="col" className="px-3 py-2">Event id</th>
            {events[0]?.user !== undefined && <th scope="col" className="px-3 py-2">Person</th>}
            <th scope="col" className="px-3 py-2">Tool</th>
            <th scope="col" className="px-3 py-2">Project</th>
            <th scope="col" className="px-3 py-2">Activity</th>
            <th scope="col" className="px-3 py-2 text-right">Tokens</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {events.map((e) => (
            <tr key={e.id}>
              <td className="px-3 py-1.5 whitespace-nowrap">
                <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt, timeZone)}</time>
                {e.receivedAt.getTime() - e.occurredAt.getTime() > 86_400_000 && (
                  <span className="ml-1 text-xs text-amber-800">(arrived {formatDateTime(e.receivedAt, timeZone)})</span>
                )}
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{e.externalId}</td>
              {e.user !== undefined && <td className="px-3 py-1.5">{e.user?.email}</td>}
              <td className="px-3 py-1.5">{e.tool.slug}</td>
              <td className="px-3 py-1.5">{e.project?.key ?? "—"}</td>
              <td className="px-3 py-1.5">{e.activity.slug}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(e.inputTokens + e.outputTokens)}</td>
              <td className="px-3 py-1.5">
                <Badge tone={e.outcome === "violation" ? "danger" : e.outcome === "over_cap" ? "warning" : "neutral"}>{e.outcome.replace(/_/g, " ")}</Badge>
                {e.reasonCodes.length > 0 && <span className="ml-1 text-xs text-slate-500">{e.reasonCodes.join(", ")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
