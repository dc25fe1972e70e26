import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { AppError, conflict, type FieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RuleDraft } from "@/lib/validation/policy";
import { latestPolicyVersion, loadPolicyRules } from "./load-policy-rules";
import type { PolicyRuleInput } from "./evaluate";
import { invalidatePolicySnapshot } from "./policy-snapshot";

// Serialises saves so two admins editing the same version cannot both become version N+1.
const POLICY_SAVE_LOCK = 7_311_003;

export type SavePolicyVersionInput = { baseVersion: number; note: string | null; rules: RuleDraft[] };

const MATCH_FIELDS = ["name", "toolId", "toolKind", "activityId", "disposition", "sensitivity", "teamId", "effect", "message"] as const;

function sameRules(drafts: RuleDraft[], current: PolicyRuleInput[]): boolean {
  if (drafts.length !== current.length) return false;
  return drafts.every((d, i) => {
    const c = current[i];
    const clauses = [...d.clauseIds].sort().join(",") === c.clauses.map((cl) => cl.id).sort().join(",");
    return clauses && MATCH_FIELDS.every((f) => d[f] === c[f]);
  });
}

async function checkReferences(tx: Prisma.TransactionClient, rules: RuleDraft[]) {
  const ids = (pick: (r: RuleDraft) => (string | null)[]) => [...new Set(rules.flatMap(pick).filter((v): v is string => !!v))];
  const [tools, activities, teams, clauses] = await Promise.all([
    tx.tool.findMany({ where: { id: { in: ids((r) => [r.toolId]) } }, select: { id: true } }),
    tx.activity.findMany({ where: { id: { in: ids((r) => [r.activityId]) } }, select: { id: true } }),
    tx.team.findMany({ where: { id: { in: ids((r) => [r.teamId]) } }, select: { id: true } }),
    tx.clause.findMany({ where: { id: { in: ids((r) => r.clauseIds) } }, select: { id: true } }),
  ]);
  const known = new Set([...tools, ...activities, ...teams, ...clauses].map((r) => r.id));
  const fields: FieldError[] = [];
  rules.forEach((r, i) => {
    for (const f of ["toolId", "activityId", "teamId"] as const) {
      const value = r[f];
      if (value && !known.has(value)) fields.push({ path: `rules.${i}.${f}`, message: "This no longer exists; choose again." });
    }
    if (r.clauseIds.some((id) => !known.has(id))) fields.push({ path: `rules.${i}.clauseIds`, message: "A cited clause no longer exists." });
  });
  if (fields.length) throw new AppError("validation", "Some rules refer to things that no longer exist.", 400, fields);
}

/**
 * Saves an edited rule set as a NEW policy version holding copies of every rule; older versions stay as
 * they were. `baseVersion` is the version the editor started from: if someone saved meanwhile, nothing is saved.
 */
export async function savePolicyVersion(actor: Actor, input: SavePolicyVersionInput): Promise<{ version: number }> {
  const saved = await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${POLICY_SAVE_LOCK})`);
    const current = await latestPolicyVersion(tx);
    if (current !== input.baseVersion) {
      throw conflict(`Policy version ${current} was saved while you were editing version ${input.baseVersion}. Reload to see it; your edits were not saved.`);
    }
    const base = current ? await loadPolicyRules(current, tx) : null;
    if (base && sameRules(input.rules, base.rules)) throw new AppError("no_change", "Nothing changed: the rules are the same as version " + current + ".", 400);
    await checkReferences(tx, input.rules);

    const version = await tx.policyVersion.create({
      data: { version: current + 1, note: input.note, createdById: actor.type === "user" ? actor.id : null },
    });
    for (const [i, rule] of input.rules.entries()) {
      const { clauseIds, ...fields } = rule;
      await tx.policyRule.create({
        data: { ...fields, policyVersionId: version.id, position: i + 1, clauses: { create: clauseIds.map((clauseId) => ({ clauseId })) } },
      });
    }
    await appendAudit(tx, {
      actor,
      action: "policy.version_created",
      entityType: "policy_version",
      entityId: version.id,
      data: {
        version: version.version,
        basedOn: current,
        note: input.note,
        rules: input.rules.map((r, i) => ({ position: i + 1, ...r })),
      },
    });
    return { version: version.version };
  });
  invalidatePolicySnapshot();
  return saved;
}
