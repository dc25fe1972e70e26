import "server-only";
import { prisma } from "../db/client";
import { appendAudit, type Actor } from "../audit/append-audit";
import type { Tx } from "../db/tx";
import { AppError, conflict, notFound } from "../errors";
import type { Severity } from "../generated/prisma/enums";
import { maxSeverity } from "../review/open-review-items";
import type { TermsVersionInput } from "../validation/clause";
import { changedOrRemoved, diffTerms, normalizeRef } from "./diff-terms";

type ChangedClause = { id: string; ref: string; severity: Severity; newSeverity: Severity | null };

/** Opens one re-review item per live grant and open request that relied on a changed or removed clause. */
async function openReReviewItems(tx: Tx, termsDocumentId: string, vendorName: string, version: string, changed: ChangedClause[], actor: Actor, now: Date) {
  const ids = changed.map((c) => c.id);
  const byId = new Map(changed.map((c) => [c.id, c]));
  const severityOf = (clauseIds: string[]) =>
    maxSeverity(clauseIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!.severity, byId.get(id)!.newSeverity ?? "low"] : [])));
  const [grants, requests] = await Promise.all([
    tx.grant.findMany({
      where: { revokedAt: null, validTo: { gt: now }, request: { clauseIds: { hasSome: ids } } },
      select: { id: true, userId: true, toolId: true, projectId: true, requestId: true, user: { select: { name: true } }, tool: { select: { slug: true } }, request: { select: { clauseIds: true } } },
    }),
    tx.exceptionRequest.findMany({
      where: { status: { in: ["pending_manager", "pending_legal"] }, clauseIds: { hasSome: ids } },
      select: { id: true, requesterId: true, toolId: true, projectId: true, clauseIds: true, requester: { select: { name: true } }, tool: { select: { slug: true } } },
    }),
  ]);
  const subjects = [
    ...grants.map((g) => ({ key: `grant:${g.id}`, label: "grant", name: g.user.name, tool: g.tool.slug, userId: g.userId, toolId: g.toolId, projectId: g.projectId, grantId: g.id, requestId: g.requestId, clauseIds: g.request.clauseIds })),
    ...requests.map((r) => ({ key: `request:${r.id}`, label: "request", name: r.requester.name, tool: r.tool.slug, userId: r.requesterId, toolId: r.toolId, projectId: r.projectId, grantId: null, requestId: r.id, clauseIds: r.clauseIds })),
  ];
  const opened: string[] = [];
  for (const s of subjects) {
    const relied = s.clauseIds.filter((id) => byId.has(id));
    const item = await tx.reviewItem.create({
      data: {
        type: "re_review",
        severity: severityOf(relied),
        groupKey: `re_review:${termsDocumentId}:${s.key}`,
        title: `Re-review ${s.label} of ${s.name} (${s.tool}): ${vendorName} terms ${version} changed ${relied.map((id) => byId.get(id)!.ref).join(", ")}`,
        userId: s.userId,
        toolId: s.toolId,
        projectId: s.projectId,
        grantId: s.grantId,
        requestId: s.requestId,
        clauses: { create: relied.map((clauseId) => ({ clauseId })) },
      },
    });
    await appendAudit(tx, { actor, action: "review.opened", entityType: "review_item", entityId: item.id, data: { type: "re_review", termsDocumentId, subject: s.key, clauseIds: relied } });
    opened.push(item.id);
  }
  return opened;
}

/**
 * Adds a new version of a vendor's terms, compares it with the latest one by clause reference, and opens
 * re-review items for everything that relied on a clause that changed or went away.
 */
export async function publishTermsVersion(input: TermsVersionInput, actor: Actor, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const vendor = await tx.vendor.findUnique({ where: { id: input.vendorId }, select: { id: true, name: true } });
    if (!vendor) throw notFound("Vendor");
    const activities = new Set((await tx.activity.findMany({ select: { slug: true } })).map((a) => a.slug));
    const unknown = [...new Set(input.clauses.flatMap((c) => c.restrictedActivities))].filter((s) => !activities.has(s));
    if (unknown.length) throw new AppError("unknown_activity", `Unknown activities: ${unknown.join(", ")}.`, 400, [{ path: "clauses", message: `Unknown activities: ${unknown.join(", ")}.` }]);
    if (await tx.termsDocument.findUnique({ where: { vendorId_version: { vendorId: vendor.id, version: input.version } } })) {
      throw conflict(`${vendor.name} already has terms version ${input.version}.`);
    }
    const previous = await tx.termsDocument.findFirst({
      where: { vendorId: vendor.id },
      orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }],
      include: { clauses: true },
    });
    const doc = await tx.termsDocument.create({
      data: {
        vendorId: vendor.id,
        title: input.title,
        version: input.version,
        effectiveDate: new Date(`${input.effectiveDate}T00:00:00Z`),
        url: input.url,
        clauses: { create: input.clauses },
      },
    });
    const diff = diffTerms(previous?.clauses ?? [], input.clauses);
    const newSeverityByRef = new Map(input.clauses.map((c) => [normalizeRef(c.ref), c.severity]));
    const changed = changedOrRemoved(diff).map((c) => ({ id: c.id, ref: c.ref, severity: c.severity, newSeverity: newSeverityByRef.get(normalizeRef(c.ref)) ?? null }));
    const reReviewItemIds = changed.length ? await openReReviewItems(tx, doc.id, vendor.name, input.version, changed, actor, now) : [];
    await appendAudit(tx, {
      actor,
      action: "terms.published",
      entityType: "terms_document",
      entityId: doc.id,
      data: {
        vendor: vendor.name,
        version: input.version,
        previousVersionId: previous?.id ?? null,
        added: diff.added.map((c) => c.ref),
        removed: diff.removed.map((c) => c.ref),
        edited: diff.edited.map((e) => ({ ref: e.ref, changed: e.changed })),
        reReviewItems: reReviewItemIds.length,
      },
    });
    return { termsDocumentId: doc.id, reReviewItemIds, diff };
  });
}
