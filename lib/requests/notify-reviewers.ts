import "server-only";
import type { Tx } from "@/lib/audit/append-audit";
import { notify } from "@/lib/notifications/notify";

type Message = { title: string; body: string; link: string };

/** Tells every active legal reviewer (except `exclude`) that a request waits on them. */
export async function notifyLegalReviewers(tx: Tx, message: Message, exclude: string[] = []): Promise<void> {
  // Raw on purpose: Prisma's `roles: { has: "legal" }` on an enum array fails on the PGlite adapter
  // ("malformed array literal").
  const reviewers = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "active" AND 'legal'::"Role" = ANY("roles") ORDER BY "id"`;
  for (const r of reviewers.filter((x) => !exclude.includes(x.id))) await notify(tx, { userId: r.id, kind: "request.legal_review", ...message });
}

/** Tells the requester's manager that a request waits on them. */
export async function notifyManager(tx: Tx, managerId: string | null, message: Message): Promise<void> {
  if (managerId) await notify(tx, { userId: managerId, kind: "request.manager_review", ...message });
}
