import Link from "next/link";
import { ClauseList } from "@/components/policy/clause-list";
import { DecisionBadge } from "@/components/policy/decision-badge";
import type { RequestPolicyAnswer } from "@/lib/requests/evaluate-request-policy";

/** What the policy answers for the chosen tool, activity and project, before anything is filed. */
export function PolicyPreview({ answer }: { answer: RequestPolicyAnswer | null }) {
  if (!answer) return <p className="text-sm text-slate-600">Choose a tool and an activity to see what the policy says.</p>;
  if (answer.kind === "unknown") return <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{answer.message}</p>;
  const { decision: d } = answer;
  const reason = d.reasons[0];
  return (
    <div className="space-y-3" aria-live="polite">
      <div className="flex flex-wrap items-center gap-2">
        <DecisionBadge decision={d.decision} reason={reason.code} />
        <span className="text-xs text-slate-500">policy version {answer.policyVersion}</span>
      </div>
      <p className="text-sm text-slate-800">{reason.message}</p>
      {d.decision === "deny" && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          This combination is prohibited and cannot be requested.
          {answer.internalTool && answer.tool.kind === "external" && (
            <>
              {" "}
              Use{" "}
              <Link className="font-medium underline" href={`/allowed?tool=${answer.internalTool.slug}&activity=${answer.activity.slug}${answer.project ? `&project=${answer.project.key}` : ""}`}>
                {answer.internalTool.name}
              </Link>
              , the in-house assistant, instead.
            </>
          )}
        </p>
      )}
      {d.decision === "allow" && <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">No request needed: you may go ahead.</p>}
      {d.decision === "require_exception" && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Needs approval by your manager{answer.requiresLegal ? ", then legal (a cited clause restricts this use)" : ""}.
          {answer.existingGrant && ` You already hold an exception for this until ${answer.existingGrant.validTo.toISOString().slice(0, 10)}.`}
        </p>
      )}
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Cited clauses</h3>
        <ClauseList clauses={d.clauses} />
      </div>
    </div>
  );
}
