import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { registerContribution } from "@/lib/provenance/register-contribution";
import { recheckContributionsForEvents } from "@/lib/provenance/recheck-contributions";
import { getContribution, listContributions } from "@/lib/provenance/list-contributions";
import { contributionSchema } from "@/lib/validation/contribution";
import { useTestDb } from "../../support/test-db";
import { makeEvent, makeUser, makeWorld } from "../review/review-fixtures";

useTestDb();

let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  world = await makeWorld();
});

const form = (projectId: string, over: Record<string, string> = {}) =>
  contributionSchema.parse({ projectId, artifactRef: "challenges/graph-42", firstDay: "2026-11-02", lastDay: "2026-11-03", attested: "on", ...over });

describe("registerContribution", () => {
  it("marks a contribution clean when the author used only the internal tool or other projects in the window", async () => {
    const { catalog, engineer } = world;
    const project = catalog.projects.get("coding-challenges")!.id;
    await makeEvent(catalog, { userId: engineer.id, tool: "metacode", project: "coding-challenges", occurredAt: new Date("2026-11-02T10:00:00Z") });
    await makeEvent(catalog, { userId: engineer.id, tool: "claude-code", project: "infra-ci", occurredAt: new Date("2026-11-02T10:00:00Z") });
    // Berlin: the window is [2026-11-01T23:00Z, 2026-11-03T23:00Z); this one is just after it.
    await makeEvent(catalog, { userId: engineer.id, tool: "claude-code", project: "coding-challenges", occurredAt: new Date("2026-11-03T23:00:00Z") });
    const result = await registerContribution(engineer.id, form(project), "Europe/Berlin");
    expect(result).toMatchObject({ status: "clean", count: 0, reviewItemId: null });
    const stored = await prisma.contribution.findUniqueOrThrow({ where: { id: result.id } });
    expect(stored).toMatchObject({ authorId: engineer.id, status: "clean", windowStart: new Date("2026-11-01T23:00:00Z"), windowEnd: new Date("2026-11-03T23:00:00Z") });
  });

  it("marks it contaminated with the events as evidence and opens a review item", async () => {
    const { catalog, engineer } = world;
    const project = catalog.projects.get("coding-challenges")!.id;
    await makeEvent(catalog, { userId: engineer.id, tool: "codex", project: "coding-challenges", activity: "benchmark-design", occurredAt: new Date("2026-11-10T00:00:00Z"), outcome: "violation" });
    const result = await registerContribution(engineer.id, form(project, { firstDay: "2026-11-10", lastDay: "2026-11-10", artifactRef: "challenges/tree-7" }), "UTC");
    expect(result).toMatchObject({ status: "contaminated", count: 1 });
    const item = await prisma.reviewItem.findUniqueOrThrow({ where: { id: result.reviewItemId! }, include: { clauses: { include: { clause: { include: { termsDocument: { include: { vendor: true } } } } } } } });
    expect(item).toMatchObject({ type: "contaminated_contribution", status: "open", contributionId: result.id, userId: engineer.id, eventCount: 1 });
    expect(item.clauses.map((c) => c.clause.termsDocument.vendor.slug)).toContain("openai");
    const detail = await getContribution({ id: engineer.id, roles: ["engineer"] }, result.id);
    expect(detail!.eventTotal).toBe(1);
  });

  it("refuses projects that are not training data", async () => {
    const { catalog, engineer } = world;
    await expect(registerContribution(engineer.id, form(catalog.projects.get("infra-ci")!.id), "UTC")).rejects.toMatchObject({ code: "invalid_project" });
  });

  it("has no author field: a submitted author is dropped and the author is the signed-in person", async () => {
    const { catalog, engineer, manager } = world;
    const input = contributionSchema.parse({ projectId: catalog.projects.get("coding-challenges")!.id, artifactRef: "x/1", firstDay: "2026-12-01", lastDay: "2026-12-01", attested: "on", authorId: manager.id });
    expect("authorId" in input).toBe(false);
    const result = await registerContribution(engineer.id, input, "UTC");
    expect((await prisma.contribution.findUniqueOrThrow({ where: { id: result.id } })).authorId).toBe(engineer.id);
    expect(contributionSchema.safeParse({ ...input, attested: "" }).success).toBe(false);
  });

  it("lets engineers see only their own contributions, legal all", async () => {
    const other = await makeUser("Other Engineer", ["engineer"]);
    const own = await listContributions({ id: other.id, roles: ["engineer"] }, { page: 1, pageSize: 50 });
    expect(own.total).toBe(0);
    const anyId = (await prisma.contribution.findFirstOrThrow()).id;
    expect(await getContribution({ id: other.id, roles: ["engineer"] }, anyId)).toBeNull();
    const all = await listContributions({ id: world.legal.id, roles: ["legal"] }, { page: 1, pageSize: 50 });
    expect(all.total).toBe(3);
  });
});

describe("recheckContributionsForEvents", () => {
  it("turns a clean contribution contaminated when a late event inside its window arrives, and reopens a cleared item", async () => {
    const { catalog, engineer } = world;
    const project = catalog.projects.get("llm-pretraining-data")!.id;
    const reg = await registerContribution(engineer.id, form(project, { firstDay: "2026-11-20", lastDay: "2026-11-21", artifactRef: "data/shard-1" }), "UTC");
    expect(reg.status).toBe("clean");

    // an event outside the window and an internal-tool event change nothing
    const outside = await makeEvent(catalog, { userId: engineer.id, tool: "gemini-cli", project: "llm-pretraining-data", occurredAt: new Date("2026-11-22T00:00:00Z") });
    const rechecked0 = await prisma.$transaction((tx) =>
      recheckContributionsForEvents(tx, [
        { userId: engineer.id, projectId: project, occurredAt: outside.occurredAt, toolKind: "external" },
        { userId: engineer.id, projectId: project, occurredAt: new Date("2026-11-20T05:00:00Z"), toolKind: "internal" },
      ]),
    );
    expect(rechecked0).toEqual([]);

    const late = await makeEvent(catalog, { userId: engineer.id, tool: "gemini-cli", project: "llm-pretraining-data", occurredAt: new Date("2026-11-21T23:59:59.999Z") });
    const rechecked = await prisma.$transaction((tx) => recheckContributionsForEvents(tx, [{ userId: engineer.id, projectId: project, occurredAt: late.occurredAt, toolKind: "external" }]));
    expect(rechecked).toEqual([reg.id]);
    const after = await prisma.contribution.findUniqueOrThrow({ where: { id: reg.id }, include: { reviewItems: true } });
    expect(after).toMatchObject({ status: "contaminated", evidenceEventCount: 1 });
    expect(after.reviewItems).toHaveLength(1);
    const itemId = after.reviewItems[0].id;

    await prisma.reviewItem.update({ where: { id: itemId }, data: { status: "cleared", resolvedAt: new Date() } });
    const later = await makeEvent(catalog, { userId: engineer.id, tool: "copilot", project: "llm-pretraining-data", occurredAt: new Date("2026-11-20T00:00:00Z") });
    await prisma.$transaction((tx) => recheckContributionsForEvents(tx, [{ userId: engineer.id, projectId: project, occurredAt: later.occurredAt, toolKind: "external" }]));
    const reopened = await prisma.reviewItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(reopened).toMatchObject({ status: "open", eventCount: 2, resolvedAt: null });
    const history = await prisma.auditEntry.findMany({ where: { entityType: "review_item", entityId: itemId }, orderBy: { seq: "asc" } });
    expect(history.map((h) => h.action)).toEqual(["review.opened", "review.reopened"]);
  });
});
