import Link from "next/link";
import { notFound } from "next/navigation";
import { ClauseList } from "@/components/policy/clause-list";
import { CommentForm } from "@/components/requests/comment-form";
import { DecisionForms } from "@/components/requests/decision-forms";
import { OutcomeBanner } from "@/components/requests/outcome-banner";
import { RequestStatusBadge } from "@/components/requests/status-badge";
import { Timeline } from "@/components/requests/timeline";
import { WithdrawForm } from "@/components/requests/withdraw-form";
import { Card } from "@/components/ui/card";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { canSeeUser, hasRole, requirePerson } from "@/lib/auth/authorize";
import { grantState } from "@/lib/grants/grant-state";
import { expireGrants } from "@/lib/grants/expire-grants";
import { isInOrg } from "@/lib/org/org-tree";
import { effectiveTerms } from "@/lib/requests/approval-conditions";
import { getRequestDetail } from "@/lib/requests/get-request-detail";
import { requestTimeline } from "@/lib/requests/request-timeline";
import { separationOfDutiesRefusal } from "@/lib/requests/request-access";
import { isPending, stageOf } from "@/lib/requests/transitions";
import { approveRequestAction, rejectRequestAction } from "../../approvals/actions";
import { addCommentAction, withdrawRequestAction } from "../actions";

export const metadata = { title: "Exception request · Guardrail" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function RequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const person = await requirePerson();
  const { id } = await params;
  await expireGrants();
  const request = id.length <= 200 ? await getRequestDetail(id) : null;
  // Outside the person's scope reads exactly like a missing request.
  if (!request || !(await canSeeUser(person, request.requesterId))) notFound();
  const { done } = await searchParams;

  const stage = stageOf(request.status);
  const mine = request.requesterId === person.id;
  const reviewsStage =
    (stage === "manager" && hasRole(person, "manager") && (await isInOrg(person.id, request.requesterId))) ||
    (stage === "legal" && hasRole(person, "legal"));
  // A reviewer of this stage who may still not act (separation of duties) is told why; the requester knows.
  const refusal = reviewsStage && !mine ? separationOfDutiesRefusal(person.id, request, stage) : null;
  const mayDecide = reviewsStage && !mine && !refusal;
  const approvedConditions = request.steps.filter((s) => s.decision === "approved").map((s) => s.conditions);
  const terms = effectiveTerms({ from: request.startsAt, to: request.endsAt }, approvedConditions);
  const what = `${request.tool.name} for ${request.activity.name}${request.project ? ` on ${request.project.key}` : ""}`;

  return (
    <div className="space-y-5">
      <PageHeader
        title={what}
        description={
          <>
            Requested by {request.requester.name} on {formatDate(request.createdAt)} · <RequestStatusBadge status={request.status} />{" "}
            {request.requiresLegal && <span className="text-xs text-slate-500">manager and legal review</span>}
          </>
        }
        actions={
          <Link href="/requests" className="text-sm text-indigo-700 hover:underline">
            ← My requests
          </Link>
        }
      />
      <OutcomeBanner done={done} />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-5">
          <Card title="Details">
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <Detail label="Tool">{request.tool.name}</Detail>
              <Detail label="Activity">{request.activity.name}</Detail>
              <Detail label="Project">{request.project ? `${request.project.key} (${request.project.sensitivity.replace("_", "-")})` : "No particular project"}</Detail>
              <Detail label="Requested window">
                {formatDate(request.startsAt)} – {formatDate(request.endsAt)}
              </Detail>
              <Detail label="Justification" wide>
                <p className="whitespace-pre-wrap">{request.justification}</p>
              </Detail>
              <Detail label="Keeping outputs out of training data" wide>
                <p className="whitespace-pre-wrap">{request.dataHandling}</p>
              </Detail>
              <Detail label="Judged under">policy version {request.policyVersion}</Detail>
            </dl>
          </Card>
          {request.grant && (
            <Card title="Grant">
              <p className="text-sm text-slate-800">
                <span className="font-medium capitalize">{grantState(request.grant, new Date())}</span>: valid {formatDateTime(request.grant.validFrom)} – {formatDateTime(request.grant.validTo)}
                {request.grant.capOverrideTokens != null && <> · cap override {Number(request.grant.capOverrideTokens).toLocaleString("en-US")} tokens/month</>}
              </p>
              {request.grant.revokedAt && (
                <p className="mt-1 text-sm text-red-800">
                  Revoked {formatDateTime(request.grant.revokedAt)} by {request.grant.revokedBy?.name}: {request.grant.revokeReason}
                </p>
              )}
            </Card>
          )}
          {refusal && (
            <Card title="Legal stage">
              <p className="text-sm text-amber-900">{refusal}</p>
            </Card>
          )}
          {mayDecide && (
            <Card title={stage === "manager" ? "Your decision (manager stage)" : "Your decision (legal stage)"}>
              <DecisionForms requestId={request.id} version={request.version} window={{ from: day(terms.from), to: day(terms.to) }} approve={approveRequestAction} reject={rejectRequestAction} label={what} from="request" />
            </Card>
          )}
          <Card title={`Comments (${request.comments.length})`}>
            <ul className="mb-4 space-y-3">
              {request.comments.map((c) => (
                <li key={c.id} className="text-sm">
                  <p className="text-xs text-slate-500">
                    <span className="font-medium text-slate-800">{c.author.name}</span> · {formatDateTime(c.createdAt)}
                  </p>
                  <p className="whitespace-pre-wrap text-slate-800">{c.body}</p>
                </li>
              ))}
              {!request.comments.length && <li className="text-sm text-slate-500">No comments yet.</li>}
            </ul>
            <CommentForm requestId={request.id} action={addCommentAction} />
          </Card>
        </div>
        <div className="space-y-5">
          <Card title="Stages">
            <Timeline entries={requestTimeline(request)} pendingStage={stage} />
          </Card>
          <Card title="Cited clauses">
            <ClauseList clauses={request.clauses} />
          </Card>
          {mine && isPending(request.status) && (
            <Card title="Withdraw">
              <WithdrawForm requestId={request.id} version={request.version} action={withdrawRequestAction} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

function Detail({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}
