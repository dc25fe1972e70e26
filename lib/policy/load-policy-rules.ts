import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PolicyClause, PolicyRuleInput } from "./evaluate";

type Db = Pick<Prisma.TransactionClient, "policyVersion" | "policyRule">;

const ruleInclude = {
  clauses: { include: { clause: { include: { termsDocument: { include: { vendor: { select: { name: true } } } } } } } },
} as const;

type RuleRow = Prisma.PolicyRuleGetPayload<{ include: typeof ruleInclude }>;

function toPolicyRule(row: RuleRow): PolicyRuleInput {
  const clauses: PolicyClause[] = row.clauses
    .map(({ clause }) => ({
      id: clause.id,
      vendor: clause.termsDocument.vendor.name,
      ref: clause.ref,
      summary: clause.summary,
      severity: clause.severity,
      restrictedActivities: clause.restrictedActivities,
      url: clause.termsDocument.url,
    }))
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.ref.localeCompare(b.ref));
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    toolId: row.toolId,
    toolKind: row.toolKind,
    activityId: row.activityId,
    disposition: row.disposition,
    sensitivity: row.sensitivity,
    teamId: row.teamId,
    effect: row.effect,
    message: row.message,
    clauses,
  };
}

export type PolicyVersionRules = {
  version: number;
  note: string | null;
  createdAt: Date;
  createdBy: string | null;
  rules: PolicyRuleInput[];
};

/** One policy version and its rules in order; `null` when that version does not exist. */
export async function loadPolicyRules(version: number, db: Db = prisma): Promise<PolicyVersionRules | null> {
  const row = await db.policyVersion.findUnique({
    where: { version },
    include: { createdBy: { select: { name: true } }, rules: { orderBy: { position: "asc" }, include: ruleInclude } },
  });
  if (!row) return null;
  return { version: row.version, note: row.note, createdAt: row.createdAt, createdBy: row.createdBy?.name ?? null, rules: row.rules.map(toPolicyRule) };
}

/** The active policy version: the newest one. 0 when no version was ever saved. */
export async function latestPolicyVersion(db: Db = prisma): Promise<number> {
  const latest = await db.policyVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
  return latest?.version ?? 0;
}

/** Every version, newest first, with its rule count and author. */
export async function listPolicyVersions() {
  const rows = await prisma.policyVersion.findMany({
    orderBy: { version: "desc" },
    select: { version: true, note: true, createdAt: true, createdBy: { select: { name: true } }, _count: { select: { rules: true } } },
  });
  return rows.map((r) => ({ version: r.version, note: r.note, createdAt: r.createdAt, createdBy: r.createdBy?.name ?? null, ruleCount: r._count.rules }));
}
