// Data for the legal-review integration tests, written straight through Prisma on the test database.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { seedCatalog, type CatalogIds } from "@/lib/seed/seed-catalog";
import type { Role } from "@/lib/generated/prisma/enums";

export async function makeUser(name: string, roles: Role[], managerId: string | null = null) {
  const slug = `${name.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 6)}`;
  return prisma.user.create({ data: { email: `${slug}@example.com`, employeeId: slug, name, roles, managerId } });
}

export async function makeWorld() {
  const catalog = await seedCatalog();
  const manager = await makeUser("Mia Manager", ["manager"]);
  const engineer = await makeUser("Eli Engineer", ["engineer"], manager.id);
  const legal = await makeUser("Lea Legal", ["legal"]);
  return { catalog, manager, engineer, legal };
}

let seq = 0;
/** One stored usage event, as ingestion would have written it. */
export async function makeEvent(
  catalog: CatalogIds,
  over: { userId: string; tool: string; project?: string | null; activity?: string; occurredAt: Date; outcome?: "allowed" | "violation"; reviewItemId?: string | null },
) {
  seq += 1;
  return prisma.usageEvent.create({
    data: {
      externalId: `t-${randomUUID()}-${seq}`,
      occurredAt: over.occurredAt,
      userId: over.userId,
      toolId: catalog.tools.get(over.tool)!.id,
      projectId: over.project ? catalog.projects.get(over.project)!.id : null,
      activityId: catalog.activities.get(over.activity ?? "documentation")!.id,
      inputTokens: 1000,
      outputTokens: 200,
      costUsd: 0.01,
      outcome: over.outcome ?? "allowed",
      reviewItemId: over.reviewItemId ?? null,
    },
  });
}

/** An approved request with its live grant, citing the given clauses. */
export async function makeGrant(catalog: CatalogIds, userId: string, tool: string, clauseIds: string[], now = new Date()) {
  const request = await prisma.exceptionRequest.create({
    data: {
      requesterId: userId,
      toolId: catalog.tools.get(tool)!.id,
      activityId: catalog.activities.get("product-code")!.id,
      projectId: catalog.projects.get("ads-ranking")!.id,
      justification: "Refactoring the ranking service",
      dataHandling: "Outputs stay in the product repository",
      startsAt: new Date(now.getTime() - 86_400_000),
      endsAt: new Date(now.getTime() + 30 * 86_400_000),
      status: "approved",
      policyVersion: 1,
      clauseIds,
    },
  });
  const grant = await prisma.grant.create({
    data: {
      userId,
      toolId: request.toolId,
      activityId: request.activityId,
      projectId: request.projectId,
      validFrom: request.startsAt,
      validTo: request.endsAt,
      requestId: request.id,
    },
  });
  return { request, grant };
}

/** A violation item grouped as ingestion groups them, with its events. */
export async function makeViolationItem(catalog: CatalogIds, userId: string, tool: string, clauseIds: string[], events = 3) {
  const day = new Date("2026-11-20T00:00:00Z");
  const item = await prisma.reviewItem.create({
    data: {
      type: "violation",
      severity: "critical",
      groupKey: `violation:${userId}:${tool}:coding-challenges:2026-11-20:${randomUUID()}`,
      title: `Violation: ${tool} on coding-challenges`,
      userId,
      toolId: catalog.tools.get(tool)!.id,
      projectId: catalog.projects.get("coding-challenges")!.id,
      day,
      eventCount: events,
      clauses: { create: clauseIds.map((clauseId) => ({ clauseId })) },
    },
  });
  for (let i = 0; i < events; i++) {
    await makeEvent(catalog, { userId, tool, project: "coding-challenges", activity: "benchmark-design", occurredAt: new Date(day.getTime() + i * 60_000), outcome: "violation", reviewItemId: item.id });
  }
  return item;
}
