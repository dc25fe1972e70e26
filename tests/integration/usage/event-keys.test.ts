import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { findEventRows } from "@/lib/review/event-rows";
import { ingestUsageEventsInGroup } from "@/lib/usage/ingest-group";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent, type GatewayFixture } from "./gateway-fixture";

// UsageEvent's person, tool, project and activity have no foreign keys (migration usage_event_catalog_keys). What
// the keys guaranteed still holds: ingestion stores only ids of rows that exist, and a row that has events cannot
// be deleted.

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

/** Events whose person, tool, project or activity has no row. */
async function orphans(): Promise<number> {
  const [{ n }] = await prisma.$queryRawUnsafe<{ n: number }[]>(`
    SELECT count(*)::int AS n FROM "UsageEvent" e
    WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = e."userId")
       OR NOT EXISTS (SELECT 1 FROM "Tool" t WHERE t."id" = e."toolId")
       OR NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."id" = e."activityId")
       OR (e."projectId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = e."projectId"))`);
  return n;
}

const refusedAsForeignKey = async (deletion: Promise<unknown>) => {
  const error = await deletion.then(
    () => null,
    (e: unknown) => e as { code?: string; message?: string },
  );
  expect(error, "the delete should have been refused").not.toBeNull();
  // Prisma's code for a foreign-key violation (the guard raises SQLSTATE 23503, as the key did).
  expect(error?.code).toBe("P2003");
};

describe("usage events without foreign keys on the person, tool, project and activity", () => {
  it("stores only people, tools, projects and activities that exist, and names them in the evidence", async () => {
    const second = await createPerson("second@example.com", "E-SEC", ["engineer"], fx.team.id, null);
    const result = await ingestUsageEventsInGroup([
      usageEvent(),
      usageEvent({ user: "E-SEC", tool: "metacode", project: undefined, activity: "product-code" }),
      usageEvent({ user: "nobody@example.com" }),
      usageEvent({ tool: "no-such-tool" }),
      usageEvent({ project: "no-such-project" }),
      usageEvent({ activity: "no-such-activity" }),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([2, 3, 4, 5]);
    expect(await orphans()).toBe(0);

    const rows = await findEventRows({ where: { userId: { in: [fx.engineer.id, second.id] } }, orderBy: { occurredAt: "asc" } });
    expect(rows.map((r) => [r.user.email, r.tool.slug, r.project?.key ?? null, r.activity.slug])).toEqual([
      ["engineer@example.com", "claude-code", "infra-ci", "test-infrastructure"],
      ["second@example.com", "metacode", null, "product-code"],
    ]);
  });

  it("refuses to delete a person, tool, project or activity that has events, as the foreign keys did", async () => {
    await ingestUsageEvents([usageEvent()]);
    await refusedAsForeignKey(prisma.user.delete({ where: { id: fx.engineer.id } }));
    await refusedAsForeignKey(prisma.tool.delete({ where: { id: fx.claude.id } }));
    await refusedAsForeignKey(prisma.project.delete({ where: { id: fx.projects.infra.id } }));
    await refusedAsForeignKey(prisma.activity.delete({ where: { id: fx.activities.tests.id } }));
    // Raw SQL is refused too: the guard is in the database, not in the client.
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "Tool" WHERE "id" = $1`, fx.claude.id)).rejects.toThrow(/usage history/);
    expect(await prisma.tool.count({ where: { id: fx.claude.id } })).toBe(1);
    expect(await orphans()).toBe(0);
  });

  it("still deletes a row no event points at", async () => {
    const spare = await prisma.tool.create({ data: { slug: "spare-tool", name: "Spare", vendorId: fx.anthropic.id, kind: "external" } });
    const activity = await prisma.activity.create({ data: { slug: "spare-activity", name: "Spare", description: "", disposition: "allowed" } });
    const project = await prisma.project.create({ data: { key: "spare-project", name: "Spare", sensitivity: "general" } });
    const person = await prisma.user.create({ data: { email: "spare@example.com", employeeId: "E-SPARE", name: "Spare", roles: ["engineer"] } });
    await prisma.tool.delete({ where: { id: spare.id } });
    await prisma.activity.delete({ where: { id: activity.id } });
    await prisma.project.delete({ where: { id: project.id } });
    await prisma.user.delete({ where: { id: person.id } });
    expect(await prisma.tool.count({ where: { slug: "spare-tool" } })).toBe(0);
  });
});
