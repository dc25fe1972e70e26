import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { ReviewType } from "../generated/prisma/enums";
import { contributionEvidenceWhere, externalToolIds } from "../provenance/check-contribution";

type ItemForEvidence = {
  id: string;
  type: ReviewType;
  userId: string | null;
  toolId: string | null;
  projectId: string | null;
  contribution: { authorId: string; projectId: string; windowStart: Date; windowEnd: Date } | null;
  request: { requesterId: string; toolId: string; projectId: string | null; startsAt: Date; endsAt: Date } | null;
};

/** What itemEventsWhere needs for these items: the external tools' ids when one is a contribution's item (one query), else nothing. */
export async function externalToolsFor(items: Pick<ItemForEvidence, "type" | "contribution">[]): Promise<string[]> {
  return items.some((i) => i.type === "contaminated_contribution" && i.contribution) ? externalToolIds() : [];
}

/** Which usage events are the evidence of an item (`externalTools`: externalToolsFor()). Shared by the item page, the CSV export and the report. */
export function itemEventsWhere(item: ItemForEvidence, externalTools: string[]): Prisma.UsageEventWhereInput {
  if (item.type === "violation") return { reviewItemId: item.id };
  // Usage Guardrail never saw: its evidence is the vendor's rows, not events.
  if (item.type === "unseen_usage") return { id: { in: [] } };
  if (item.type === "contaminated_contribution" && item.contribution) return contributionEvidenceWhere(item.contribution, externalTools);
  if (item.request) {
    // A request or grant under review: the requester's use of that tool during the window asked for.
    return {
      userId: item.request.requesterId,
      toolId: item.request.toolId,
      ...(item.request.projectId ? { projectId: item.request.projectId } : {}),
      occurredAt: { gte: item.request.startsAt, lt: item.request.endsAt },
    };
  }
  if (item.userId && item.toolId) return { userId: item.userId, toolId: item.toolId, ...(item.projectId ? { projectId: item.projectId } : {}) };
  return { id: { in: [] } };
}

export const itemEvidenceInclude = {
  contribution: { select: { id: true, authorId: true, projectId: true, windowStart: true, windowEnd: true, artifactRef: true, status: true } },
  request: { select: { id: true, requesterId: true, toolId: true, projectId: true, startsAt: true, endsAt: true, status: true, justification: true } },
} satisfies Prisma.ReviewItemInclude;

export const EVENT_CSV_COLUMNS = [
  "externalId",
  "occurredAt",
  "receivedAt",
  "user",
  "tool",
  "project",
  "activity",
  "inputTokens",
  "outputTokens",
  "costUsd",
  "outcome",
  "reasonCodes",
  "policyVersion",
  "ruleId",
  "grantId",
  "sessionId",
  "source",
] as const;

