import "server-only";
import { prisma } from "@/lib/db/client";
import type { PolicyClause } from "./evaluate";
import { clauseSource, toPolicyClause } from "./policy-clause";
import { loadImpactCases } from "./load-impact-cases";
import { latestPolicyVersion, listPolicyVersions, loadPolicyRules } from "./load-policy-rules";

/** Names for ids in rules, and the choices the editor offers. */
export async function loadRuleChoices() {
  const [tools, activities, teams, clauses] = await Promise.all([
    prisma.tool.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, archivedAt: true } }),
    prisma.activity.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, archivedAt: true } }),
    prisma.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.clause.findMany({ include: clauseSource }),
  ]);
  const clauseOptions: PolicyClause[] = clauses
    .map(toPolicyClause)
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.ref.localeCompare(b.ref, undefined, { numeric: true }));
  const record = (rows: { id: string; name: string }[]) => Object.fromEntries(rows.map((r) => [r.id, r.name]));
  // Archived tools and activities keep their names (old rules show them) but are not offered for new rules.
  const offered = (rows: { id: string; name: string; archivedAt: Date | null }[]) => rows.filter((r) => !r.archivedAt).map(({ id, name }) => ({ id, name }));
  return {
    options: { tools: offered(tools), activities: offered(activities), teams, clauses: clauseOptions },
    names: { tools: record(tools), activities: record(activities), teams: record(teams) },
  };
}

/** Everything the policy admin page needs: the active version, the choices, the cases an edit may affect, the history. */
export async function loadPolicyEditor() {
  const latest = await latestPolicyVersion();
  const [current, choices, impact, versions] = await Promise.all([
    latest ? loadPolicyRules(latest) : Promise.resolve(null),
    loadRuleChoices(),
    loadImpactCases(),
    listPolicyVersions(),
  ]);
  return { baseVersion: latest, current, ...choices, impact, versions };
}
