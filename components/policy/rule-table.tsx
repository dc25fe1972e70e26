import { Badge } from "@/components/ui/badge";
import type { PolicyRuleInput } from "@/lib/policy/evaluate";
import { ClauseList } from "./clause-list";

export type RuleNames = { tools: Record<string, string>; activities: Record<string, string>; teams: Record<string, string> };

const EFFECT = { allow: { label: "Allow", tone: "success" }, require_exception: { label: "Require exception", tone: "warning" }, deny: { label: "Deny", tone: "danger" } } as const;

function conditions(rule: PolicyRuleInput, names: RuleNames): string {
  const parts = [
    rule.toolId && `tool ${names.tools[rule.toolId] ?? "(removed)"}`,
    rule.toolKind && `${rule.toolKind} tools`,
    rule.activityId && `activity ${names.activities[rule.activityId] ?? "(removed)"}`,
    rule.disposition && `${rule.disposition.replace(/_/g, " ")} activities`,
    rule.sensitivity && `${rule.sensitivity.replace("_", "-")} projects`,
    rule.teamId && `team ${names.teams[rule.teamId] ?? "(removed)"}`,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "everything";
}

/** A policy version's rules in order, read-only. */
export function RuleTable({ rules, names }: { rules: PolicyRuleInput[]; names: RuleNames }) {
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Rules in the order they are checked</caption>
        <thead className="bg-slate-50">
          <tr>
            {["#", "Rule", "Matches", "Effect", "Message", "Cited clauses"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-700">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rules.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="px-3 py-2 tabular-nums text-slate-500">{r.position}</td>
              <td className="px-3 py-2 font-medium text-slate-900">{r.name}</td>
              <td className="px-3 py-2 text-xs text-slate-700">{conditions(r, names)}</td>
              <td className="px-3 py-2">
                <Badge tone={EFFECT[r.effect].tone}>{EFFECT[r.effect].label}</Badge>
              </td>
              <td className="max-w-sm px-3 py-2 text-xs text-slate-700">{r.message}</td>
              <td className="max-w-sm px-3 py-2">
                <ClauseList clauses={r.clauses} empty="—" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
