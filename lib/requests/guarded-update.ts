import "server-only";
import type { Tx } from "@/lib/db/tx";
import { conflict } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RequestStatus } from "@/lib/generated/prisma/enums";
import { statusLabel } from "./transitions";

/**
 * Moves a request from `status` to `to` only if nobody changed it since it was read at `version`
 * (optimistic concurrency): of two reviewers acting at once exactly one update matches; the other gets
 * a conflict naming who decided and what.
 */
export async function updateRequestIfUnchanged(
  tx: Tx,
  seen: { id: string; version: number; status: RequestStatus },
  to: RequestStatus,
  data: Omit<Prisma.ExceptionRequestUpdateManyMutationInput, "status" | "version"> = {},
): Promise<void> {
  const { count } = await tx.exceptionRequest.updateMany({
    where: { id: seen.id, version: seen.version, status: seen.status },
    data: { ...data, status: to, version: { increment: 1 } },
  });
  if (count === 0) throw conflict(await describeChange(tx, seen.id));
}

/** "This request was already decided by Maria Manager: approved." and the like, from the current row. */
export async function describeChange(tx: Tx, requestId: string): Promise<string> {
  const current = await tx.exceptionRequest.findUnique({
    where: { id: requestId },
    select: {
      status: true,
      requester: { select: { name: true } },
      steps: { orderBy: { createdAt: "desc" }, take: 1, select: { stage: true, decision: true, actor: { select: { name: true } } } },
      grant: { select: { revokedBy: { select: { name: true } } } },
    },
  });
  if (!current) return "This request no longer exists.";
  const now = statusLabel(current.status);
  const last = current.steps[0];
  const reload = "Reload to see its current state.";
  switch (current.status) {
    case "withdrawn":
      return `This request was already withdrawn by ${current.requester.name}. ${reload}`;
    case "revoked":
      return `This grant was already revoked${current.grant?.revokedBy ? ` by ${current.grant.revokedBy.name}` : ""}. ${reload}`;
    case "expired":
      return `This request has already expired. ${reload}`;
    default:
      if (last) return `This request was already decided by ${last.actor.name}: ${last.decision} at the ${last.stage} stage (now ${now}). ${reload}`;
      return `This request changed meanwhile (now ${now}). ${reload}`;
  }
}
