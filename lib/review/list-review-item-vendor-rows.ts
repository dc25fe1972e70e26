import "server-only";
import { prisma } from "../db/client";

export type VendorEvidenceRow = {
  id: string;
  vendor: string;
  report: { kind: string; fileName: string | null; importedAt: Date };
  kind: string;
  day: string;
  accountRef: string;
  actorEmail: string | null;
  person: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  requests: number | null;
  costUsd: number | null;
  costBilled: boolean;
};

/** The vendor rows linked to an item: the evidence of "usage not seen by Guardrail" (it has no usage events). */
export async function listReviewItemVendorRows(itemId: string): Promise<VendorEvidenceRow[]> {
  const rows = await prisma.vendorUsageRow.findMany({
    where: { reviewItemId: itemId },
    orderBy: [{ day: "asc" }, { kind: "asc" }, { model: "asc" }, { rowKey: "asc" }],
    select: {
      id: true, kind: true, day: true, accountRef: true, actorEmail: true, model: true, inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true,
      requests: true, costUsd: true, costBilled: true,
      vendor: { select: { name: true } },
      user: { select: { name: true, email: true } },
      report: { select: { kind: true, fileName: true, importedAt: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    vendor: r.vendor.name,
    report: r.report,
    kind: r.kind,
    day: r.day.toISOString().slice(0, 10),
    accountRef: r.accountRef,
    actorEmail: r.actorEmail,
    person: r.user ? `${r.user.name} (${r.user.email})` : null,
    model: r.model,
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    cacheReadTokens: Number(r.cacheReadTokens),
    cacheWriteTokens: Number(r.cacheWriteTokens),
    requests: r.requests,
    costUsd: r.costUsd === null ? null : Number(r.costUsd),
    costBilled: r.costBilled,
  }));
}
