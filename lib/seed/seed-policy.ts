import "server-only";
import { prisma } from "@/lib/db/client";
import type { CatalogIds } from "./seed-catalog";
import { POLICY_NOTE, POLICY_VERSION, RULES } from "./policy-data";

/** Upserts policy version 1 and its rules (keyed by position) with the clauses they cite. */
export async function seedPolicy(catalog: CatalogIds, createdById: string | null): Promise<number> {
  const version = await prisma.policyVersion.upsert({
    where: { version: POLICY_VERSION },
    create: { version: POLICY_VERSION, note: POLICY_NOTE, createdById },
    update: {},
  });
  await prisma.policyRule.deleteMany({ where: { policyVersionId: version.id, position: { notIn: RULES.map((r) => r.position) } } });
  for (const r of RULES) {
    const data = {
      name: r.name,
      toolId: r.tool ? catalog.tools.get(r.tool)!.id : null,
      toolKind: r.toolKind ?? null,
      activityId: r.activity ? catalog.activities.get(r.activity)!.id : null,
      disposition: r.disposition ?? null,
      sensitivity: r.sensitivity ?? null,
      teamId: null,
      effect: r.effect,
      message: r.message,
    };
    const rule = await prisma.policyRule.upsert({
      where: { policyVersionId_position: { policyVersionId: version.id, position: r.position } },
      create: { policyVersionId: version.id, position: r.position, ...data },
      update: data,
    });
    const clauseIds = r.clauses.map((key) => {
      const id = catalog.clauses.get(key);
      if (!id) throw new Error(`Rule "${r.name}" cites unknown clause ${key}`);
      return id;
    });
    await prisma.policyRuleClause.deleteMany({ where: { ruleId: rule.id, clauseId: { notIn: clauseIds } } });
    await prisma.policyRuleClause.createMany({ data: clauseIds.map((clauseId) => ({ ruleId: rule.id, clauseId })), skipDuplicates: true });
  }
  return RULES.length;
}
