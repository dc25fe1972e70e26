import "server-only";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

export type VendorAccount = {
  vendorId: string;
  vendorName: string;
  accountRef: string;
  rows: number;
  firstDay: string;
  lastDay: string;
  mapping: { id: string; label: string | null; team: { id: string; name: string } | null; apiKey: { id: string; name: string } | null } | null;
};

/** The vendor accounts (API keys, workspaces, projects) the imported reports name, with whose they are, if mapped. */
export async function listVendorAccounts(): Promise<VendorAccount[]> {
  const [seen, mappings, vendors] = await Promise.all([
    prisma.vendorUsageRow.groupBy({ by: ["vendorId", "accountRef"], where: { accountRef: { not: "" } }, _count: { _all: true }, _min: { day: true }, _max: { day: true } }),
    prisma.vendorAccountMapping.findMany({ include: { team: { select: { id: true, name: true } }, apiKey: { select: { id: true, name: true } } } }),
    prisma.vendor.findMany({ select: { id: true, name: true } }),
  ]);
  const vendorName = new Map(vendors.map((v) => [v.id, v.name]));
  const mappingOf = new Map(mappings.map((m) => [`${m.vendorId}|${m.accountRef}`, m]));
  return seen
    .map((s) => {
      const m = mappingOf.get(`${s.vendorId}|${s.accountRef}`);
      return {
        vendorId: s.vendorId,
        vendorName: vendorName.get(s.vendorId) ?? s.vendorId,
        accountRef: s.accountRef,
        rows: s._count._all,
        firstDay: s._min.day!.toISOString().slice(0, 10),
        lastDay: s._max.day!.toISOString().slice(0, 10),
        mapping: m ? { id: m.id, label: m.label, team: m.team, apiKey: m.apiKey } : null,
      };
    })
    .sort((a, b) => a.vendorName.localeCompare(b.vendorName) || a.accountRef.localeCompare(b.accountRef));
}

export type MapVendorAccountInput = { vendorId: string; accountRef: string; teamId: string | null; apiKeyId: string | null; label: string | null };

/**
 * Says whose a vendor account is: a team, or a gateway (its API key), or nobody (both null removes the mapping).
 * Only accounts an imported report named can be mapped; a personal token is not a gateway. Audited.
 */
export async function mapVendorAccount(actor: Actor, input: MapVendorAccountInput) {
  return prisma.$transaction(async (tx) => {
    const seen = await tx.vendorUsageRow.findFirst({ where: { vendorId: input.vendorId, accountRef: input.accountRef }, select: { id: true } });
    if (!seen || !input.accountRef) throw notFound("Vendor account");
    if (input.teamId && input.apiKeyId) throw new AppError("validation_failed", "Map the account to a team or to a gateway key, not both.", 400, [{ path: "target", message: "choose one" }]);
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) throw new AppError("validation_failed", "That team does not exist.", 400, [{ path: "target", message: "unknown team" }]);
    if (input.apiKeyId && !(await tx.apiKey.findFirst({ where: { id: input.apiKeyId, ownerId: null }, select: { id: true } }))) {
      throw new AppError("validation_failed", "That gateway key does not exist.", 400, [{ path: "target", message: "unknown gateway key" }]);
    }
    const where = { vendorId_accountRef: { vendorId: input.vendorId, accountRef: input.accountRef } };
    const before = await tx.vendorAccountMapping.findUnique({ where });
    if (!input.teamId && !input.apiKeyId) {
      if (!before) return null;
      await tx.vendorAccountMapping.delete({ where });
      await appendAudit(tx, { actor, action: "vendor_account.unmapped", entityType: "vendor_account_mapping", entityId: before.id, data: { vendorId: input.vendorId, accountRef: input.accountRef } });
      return null;
    }
    const data = { teamId: input.teamId, apiKeyId: input.apiKeyId, label: input.label };
    const saved = await tx.vendorAccountMapping.upsert({ where, create: { vendorId: input.vendorId, accountRef: input.accountRef, ...data }, update: data });
    await appendAudit(tx, {
      actor,
      action: "vendor_account.mapped",
      entityType: "vendor_account_mapping",
      entityId: saved.id,
      data: { vendorId: input.vendorId, accountRef: input.accountRef, ...data, before: before ? { teamId: before.teamId, apiKeyId: before.apiKeyId, label: before.label } : null },
    });
    return saved;
  });
}

/** What a mapping can point at: teams, and gateway keys (not personal tokens), revoked ones left out. */
export async function listMappingTargets() {
  const [teams, keys] = await Promise.all([
    prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.apiKey.findMany({ where: { ownerId: null, revokedAt: null }, select: { id: true, name: true, prefix: true }, orderBy: { name: "asc" } }),
  ]);
  return { teams, gatewayKeys: keys };
}
