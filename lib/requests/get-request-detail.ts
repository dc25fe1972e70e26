import "server-only";
import { prisma } from "@/lib/db/client";
import type { PolicyClause } from "@/lib/policy/evaluate";
import { clauseSource, toPolicyClause } from "@/lib/policy/policy-clause";

/** Everything the request page shows. Visibility is the caller's job (canSeeUser on requesterId). */
export async function getRequestDetail(requestId: string) {
  const request = await prisma.exceptionRequest.findUnique({
    where: { id: requestId },
    include: {
      requester: { select: { id: true, name: true, email: true } },
      tool: { select: { slug: true, name: true, kind: true } },
      activity: { select: { slug: true, name: true } },
      project: { select: { key: true, name: true, sensitivity: true } },
      steps: { orderBy: { createdAt: "asc" }, include: { actor: { select: { id: true, name: true } } } },
      comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { id: true, name: true } } } },
      grant: { include: { revokedBy: { select: { name: true } } } },
    },
  });
  if (!request) return null;
  return { ...request, clauses: await loadClauses(request.clauseIds) };
}
export type RequestDetail = NonNullable<Awaited<ReturnType<typeof getRequestDetail>>>;

/** The clauses a request was judged under, as the policy components show them. */
export async function loadClauses(ids: string[]): Promise<PolicyClause[]> {
  if (!ids.length) return [];
  const rows = await prisma.clause.findMany({
    where: { id: { in: ids } },
    include: clauseSource,
  });
  return rows.map(toPolicyClause);
}
