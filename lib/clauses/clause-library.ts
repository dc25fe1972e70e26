import "server-only";
import { prisma } from "../db/client";
import { changedOrRemoved, diffTerms } from "./diff-terms";

const latestFirst = [{ effectiveDate: "desc" as const }, { createdAt: "desc" as const }];

/** Every vendor with its terms versions (newest first) and the newest version's clauses. */
export async function listClauseLibrary() {
  const vendors = await prisma.vendor.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      terms: {
        orderBy: latestFirst,
        select: { id: true, title: true, version: true, effectiveDate: true, url: true, _count: { select: { clauses: true } } },
      },
    },
  });
  const latestIds = vendors.flatMap((v) => (v.terms[0] ? [v.terms[0].id] : []));
  const clauses = await prisma.clause.findMany({
    where: { termsDocumentId: { in: latestIds } },
    orderBy: { ref: "asc" },
    select: { id: true, termsDocumentId: true, ref: true, summary: true, restrictedActivities: true, severity: true, _count: { select: { rules: true, reviewItems: true } } },
  });
  return vendors.map((v) => ({ ...v, latestClauses: clauses.filter((c) => c.termsDocumentId === v.terms[0]?.id) }));
}

/** The policy version in force: the highest one. */
async function activePolicyVersion() {
  const v = await prisma.policyVersion.findFirst({ orderBy: { version: "desc" }, select: { id: true, version: true } });
  return v;
}

/** A clause with what cites it: rules, grants (through their request), open requests and review items. */
export async function getClauseDetail(id: string) {
  const clause = await prisma.clause.findUnique({
    where: { id },
    include: { termsDocument: { include: { vendor: { select: { id: true, name: true, slug: true } } } } },
  });
  if (!clause) return null;
  const [active, rules, grants, requests, violations, violationCount, newer] = await Promise.all([
    activePolicyVersion(),
    prisma.policyRule.findMany({
      where: { clauses: { some: { clauseId: id } } },
      orderBy: [{ policyVersion: { version: "desc" } }, { position: "asc" }],
      take: 100,
      select: { id: true, name: true, position: true, effect: true, policyVersion: { select: { version: true } } },
    }),
    prisma.grant.findMany({
      where: { request: { clauseIds: { has: id } } },
      orderBy: { validTo: "desc" },
      take: 100,
      select: { id: true, validFrom: true, validTo: true, revokedAt: true, user: { select: { name: true } }, tool: { select: { slug: true } }, activity: { select: { slug: true } } },
    }),
    prisma.exceptionRequest.findMany({
      where: { clauseIds: { has: id }, status: { in: ["pending_manager", "pending_legal"] } },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, status: true, createdAt: true, requester: { select: { name: true } }, tool: { select: { slug: true } } },
    }),
    prisma.reviewItem.findMany({
      where: { clauses: { some: { clauseId: id } } },
      orderBy: { openedAt: "desc" },
      take: 100,
      select: { id: true, type: true, status: true, severity: true, title: true, openedAt: true, eventCount: true },
    }),
    prisma.reviewItem.count({ where: { clauses: { some: { clauseId: id } } } }),
    prisma.clause.findFirst({
      where: { ref: clause.ref, termsDocument: { vendorId: clause.termsDocument.vendorId, effectiveDate: { gt: clause.termsDocument.effectiveDate } } },
      orderBy: { termsDocument: { effectiveDate: "desc" } },
      select: { id: true, termsDocument: { select: { version: true } } },
    }),
  ]);
  return { clause, activeVersion: active?.version ?? null, rules, grants, requests, violations, violationCount, newer };
}

/** A terms version with its clauses, what changed since the version before, and what that change opened. */
export async function getTermsVersion(id: string) {
  const doc = await prisma.termsDocument.findUnique({
    where: { id },
    include: { vendor: { select: { id: true, name: true } }, clauses: { orderBy: { ref: "asc" } } },
  });
  if (!doc) return null;
  const previous = await prisma.termsDocument.findFirst({
    where: { vendorId: doc.vendorId, OR: [{ effectiveDate: { lt: doc.effectiveDate } }, { effectiveDate: doc.effectiveDate, createdAt: { lt: doc.createdAt } }] },
    orderBy: latestFirst,
    include: { clauses: true },
  });
  const diff = diffTerms(previous?.clauses ?? [], doc.clauses);
  const changedIds = changedOrRemoved(diff).map((c) => c.id);
  const active = await activePolicyVersion();
  const [reReviews, citingRules] = await Promise.all([
    prisma.reviewItem.findMany({
      where: { groupKey: { startsWith: `re_review:${doc.id}:` } },
      orderBy: { openedAt: "asc" },
      select: { id: true, status: true, severity: true, title: true },
    }),
    changedIds.length && active
      ? prisma.policyRule.findMany({
          where: { policyVersionId: active.id, clauses: { some: { clauseId: { in: changedIds } } } },
          orderBy: { position: "asc" },
          select: { id: true, name: true, position: true, clauses: { where: { clauseId: { in: changedIds } }, select: { clause: { select: { ref: true } } } } },
        })
      : [],
  ]);
  return { doc, previous: previous ? { id: previous.id, version: previous.version } : null, diff, reReviews, citingRules, activeVersion: active?.version ?? null };
}

/** What the "new version" form starts from: the vendor and a copy of its latest version's clauses. */
export async function getTermsDraft(vendorId: string) {
  const vendor = await prisma.vendor.findUnique({
    where: { id: vendorId },
    select: { id: true, name: true, termsUrl: true, terms: { orderBy: latestFirst, take: 1, include: { clauses: { orderBy: { ref: "asc" } } } } },
  });
  if (!vendor) return null;
  const activities = await prisma.activity.findMany({ where: { archivedAt: null }, orderBy: { position: "asc" }, select: { slug: true, name: true } });
  return { vendor, previous: vendor.terms[0] ?? null, activities };
}
