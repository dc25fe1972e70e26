import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { UpdateToolInput } from "@/lib/validation/catalog";

/** Changes a tool's status and prices; the audit entry keeps what they were before. */
export async function updateTool(actor: Actor, input: UpdateToolInput) {
  const tool = await prisma.$transaction(async (tx) => {
    const before = await tx.tool.findUnique({ where: { id: input.id } });
    if (!before) throw notFound("Tool");
    const after = await tx.tool.update({
      where: { id: input.id },
      data: { status: input.status, inputUsdPerMTok: input.inputUsdPerMTok, outputUsdPerMTok: input.outputUsdPerMTok },
    });
    await appendAudit(tx, {
      actor,
      action: "tool.updated",
      entityType: "tool",
      entityId: after.id,
      data: {
        slug: after.slug,
        before: { status: before.status, inputUsdPerMTok: before.inputUsdPerMTok.toString(), outputUsdPerMTok: before.outputUsdPerMTok.toString() },
        after: { status: after.status, inputUsdPerMTok: after.inputUsdPerMTok.toString(), outputUsdPerMTok: after.outputUsdPerMTok.toString() },
      },
    });
    return after;
  });
  invalidatePolicySnapshot();
  return tool;
}
