import Link from "next/link";
import { ClauseList } from "@/components/policy/clause-list";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatTokens, formatUsd } from "@/components/ui/format";
import type { ActionState } from "@/lib/actions/action-client";
import type { ApprovalStage } from "@/lib/generated/prisma/enums";
import { effectiveTerms } from "@/lib/requests/approval-conditions";
import { describeConditions } from "@/lib/requests/request-timeline";
import type { QueueRow } from "@/lib/requests/list-approval-queue";
import { DecisionForms } from "./decision-forms";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const day = (d: Date) => d.toISOString().slice(0, 10);
const ageDays = (d: Date) => Math.max(0, Math.floor((Date.now() - d.getTime()) / 86_400_000));

/** One card per waiting request: who, what, why, recent usage, the clauses, and the two decisions. */
export function ApprovalQueue({ rows, stage, approve, reject }: { rows: QueueRow[]; stage: ApprovalStage; approve: Action; reject: Action }) {
  if (!rows.length)
    return (
      <EmptyState title="Nothing waiting on you">
        {stage === "manager" ? "New requests from people in your org appear here; you are notified in your inbox." : "Requests that a manager approved and that touch a restricted vendor clause appear here."}
      </EmptyState>
    );
  return (
    <ul className="space-y-4">
      {rows.map((r) => {
        const what = `${r.tool.name} for ${r.activity.name}${r.project ? ` on ${r.project.key}` : ""}`;
        const terms = effectiveTerms({ from: r.startsAt, to: r.endsAt }, r.steps.filter((s) => s.decision === "approved").map((s) => s.conditions));
        return (
          <li key={r.id} className="rounded-md border border-slate-200 p-3" aria-label={`${r.requester.name}: ${what}`}>
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">
                <Link href={`/requests/${r.id}`} className="hover:underline">
                  {r.requester.name}: {what}
                </Link>
              </h3>
              <p className="text-xs text-slate-500">
                filed {formatDate(r.createdAt)} ({ageDays(r.createdAt)} d ago) · window {formatDate(terms.from)} – {formatDate(terms.to)}
                {r.project && ` · ${r.project.sensitivity.replace("_", "-")}`}
              </p>
            </div>
            <div className="mb-3 grid gap-3 text-sm md:grid-cols-3">
              <dl className="md:col-span-2">
                <dt className="text-xs font-medium text-slate-500">Justification</dt>
                <dd className="whitespace-pre-wrap text-slate-800">{r.justification}</dd>
                <dt className="mt-2 text-xs font-medium text-slate-500">Keeping outputs out of training data</dt>
                <dd className="whitespace-pre-wrap text-slate-800">{r.dataHandling}</dd>
              </dl>
              <dl className="space-y-2">
                <div>
                  <dt className="text-xs font-medium text-slate-500">{r.requester.name}&apos;s usage, last 30 days</dt>
                  <dd className="tabular-nums text-slate-800">
                    {formatTokens(r.recentTokens)} tokens · {formatUsd(r.recentCostUsd)}
                  </dd>
                </div>
                {r.steps.map((s) => (
                  <div key={s.id}>
                    <dt className="text-xs font-medium text-slate-500">{s.stage === "manager" ? "Manager" : "Legal"} stage</dt>
                    <dd className="text-slate-800">
                      {s.decision} by {s.actor.name} on {formatDate(s.createdAt)}
                      {describeConditions(s.conditions) && <span className="block text-xs text-slate-600">{describeConditions(s.conditions)}</span>}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
            {(stage === "legal" || r.clauses.length > 0) && (
              <div className="mb-3">
                <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Cited clauses</h4>
                <ClauseList clauses={r.clauses} />
              </div>
            )}
            {r.refusal ? (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{r.refusal}</p>
            ) : (
              <DecisionForms requestId={r.id} version={r.version} window={{ from: day(terms.from), to: day(terms.to) }} approve={approve} reject={reject} label={`${r.requester.name}: ${what}`} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
