import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import type { AllowedView, CanIUseAnswer } from "@/lib/policy/load-allowed-view";
import type { CanIUseQuery } from "@/lib/validation/policy";
import { ClauseList } from "./clause-list";
import { DecisionBadge } from "./decision-badge";

const VERDICT = { allow: "Yes", require_exception: "Only with an approved exception", deny: "No" } as const;

function Answer({ answer }: { answer: CanIUseAnswer }) {
  if (answer.kind === "unknown") return <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{answer.message}</p>;
  const { decision: d } = answer;
  const where = answer.project ? ` on ${answer.project.name}` : "";
  return (
    <section className="space-y-3 rounded-md border border-slate-200 p-4" aria-labelledby="answer-heading">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="answer-heading" className="text-sm font-semibold text-slate-900">
          {VERDICT[d.decision]}: {answer.tool.name} for {answer.activity.name.toLowerCase()}
          {where}
        </h3>
        <DecisionBadge decision={d.decision} reason={d.reasons[0].code} />
      </div>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        {d.reasons.map((r) => (
          <li key={r.code}>
            {r.message} <span className="text-xs text-slate-500">({r.code})</span>
          </li>
        ))}
      </ul>
      {d.rule && (
        <p className="text-xs text-slate-500">
          Decided by rule “{d.rule.name}”, policy version {d.rule.policyVersion}.
        </p>
      )}
      {d.cap && (
        <p className="text-xs text-slate-500">
          Your cap for {d.cap.period}: {d.cap.used.toLocaleString("en-US")} of {d.cap.limit.toLocaleString("en-US")} tokens used, {d.cap.remaining.toLocaleString("en-US")} left.
        </p>
      )}
      <div>
        <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Cited clauses</h4>
        <ClauseList clauses={d.clauses} />
      </div>
      {answer.requestUrl && (
        <Link href={answer.requestUrl} className={buttonClass("primary", "sm")}>
          Request an exception
        </Link>
      )}
      {answer.suggestion && (
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          Use the in-house assistant instead: <strong>{answer.suggestion.name}</strong> may be used for {answer.activity.name.toLowerCase()}
          {where}.{" "}
          <Link className="underline" href={`/allowed?${new URLSearchParams({ tool: answer.suggestion.slug, activity: answer.activity.slug, ...(answer.project ? { project: answer.project.key } : {}) })}`}>
            Check {answer.suggestion.name}
          </Link>
        </p>
      )}
    </section>
  );
}

/** "Can I use X for Y on Z?": a GET form, so the question and its answer are a link someone can share. */
export function CanIUse({ view, query }: { view: AllowedView; query: CanIUseQuery }) {
  return (
    <div className="space-y-4">
      <form method="get" action="/allowed" className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end" aria-label="Can I use">
        <div>
          <label htmlFor="ask-tool" className="block text-sm font-medium text-slate-800">
            Tool
          </label>
          <select id="ask-tool" name="tool" defaultValue={query.tool ?? ""} required className={inputClass}>
            <option value="">Choose a tool…</option>
            {view.tools.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name} ({t.vendor})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ask-activity" className="block text-sm font-medium text-slate-800">
            Activity
          </label>
          <select id="ask-activity" name="activity" defaultValue={query.activity ?? ""} required className={inputClass}>
            <option value="">Choose an activity…</option>
            {view.activities.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ask-project" className="block text-sm font-medium text-slate-800">
            Project
          </label>
          <select id="ask-project" name="project" defaultValue={query.project ?? ""} className={inputClass}>
            <option value="">No particular project</option>
            {view.projects.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name} ({p.key})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Ask
        </button>
      </form>
      <div aria-live="polite">{view.answer && <Answer answer={view.answer} />}</div>
    </div>
  );
}
