import { formatDateTime } from "@/components/ui/format";
import type { ApprovalStage } from "@/lib/generated/prisma/enums";
import type { TimelineEntry } from "@/lib/requests/request-timeline";

const DOT: Record<TimelineEntry["tone"], string> = {
  neutral: "bg-slate-400",
  success: "bg-emerald-600",
  danger: "bg-red-600",
  warning: "bg-amber-500",
};

/** Who decided what, when and why; the stage still open is shown last. */
export function Timeline({ entries, pendingStage }: { entries: TimelineEntry[]; pendingStage: ApprovalStage | null }) {
  return (
    <ol className="space-y-3" aria-label="Stages">
      {entries.map((e, i) => (
        <li key={i} className="flex gap-2 text-sm">
          <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${DOT[e.tone]}`} aria-hidden="true" />
          <div>
            <p className="font-medium text-slate-900">
              {e.label}
              {e.who && <span className="font-normal text-slate-600"> by {e.who}</span>}
            </p>
            <p className="text-xs text-slate-500">
              <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
            </p>
            {e.note && <p className="text-xs text-slate-700">{e.note}</p>}
          </div>
        </li>
      ))}
      {pendingStage && (
        <li className="flex gap-2 text-sm">
          <span className="mt-1.5 h-2 w-2 shrink-0 rounded-full border border-amber-500" aria-hidden="true" />
          <p className="text-slate-600">Waiting for {pendingStage === "manager" ? "the manager" : "legal"}</p>
        </li>
      )}
    </ol>
  );
}
