import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { recordReviewOutcome } from "@/lib/review/record-review-outcome";
import { assignReviewItems, resolveReviewItemsInBulk } from "@/lib/review/assign-review-items";
import { getReviewItem, listReviewItemEvents } from "@/lib/review/get-review-item";
import { listReviewQueue } from "@/lib/review/list-review-queue";
import { parseQueueFilter } from "@/lib/validation/review";
import { useTestDb } from "../../support/test-db";
import { makeGrant, makeUser, makeViolationItem, makeWorld } from "./review-fixtures";

useTestDb();

let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  world = await makeWorld();
});

const outcome = (itemId: string, version: number, over: Partial<Parameters<typeof recordReviewOutcome>[0]> = {}) => ({
  itemId,
  version,
  outcome: "confirmed" as const,
  note: "Benchmark design with an external tool.",
  notifyManager: true,
  revokeGrants: true,
  ...over,
});

describe("recordReviewOutcome", () => {
  it("confirms a violation, notifies the manager and revokes the person's grants for that tool only", async () => {
    const { catalog, engineer, manager, legal } = world;
    const competing = catalog.clauses.get("anthropic:competing")!;
    const claude = await makeGrant(catalog, engineer.id, "claude-code", [competing]);
    const codex = await makeGrant(catalog, engineer.id, "codex", []);
    const item = await makeViolationItem(catalog, engineer.id, "claude-code", [competing]);

    const result = await recordReviewOutcome(outcome(item.id, 1), legal);

    expect(result).toEqual({ managerNotified: true, revokedGrantIds: [claude.grant.id], revokeFailures: [] });
    const after = await prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after).toMatchObject({ status: "confirmed", version: 2, resolvedById: legal.id, note: "Benchmark design with an external tool." });
    expect((await prisma.grant.findUniqueOrThrow({ where: { id: claude.grant.id } })).revokedAt).not.toBeNull();
    expect((await prisma.grant.findUniqueOrThrow({ where: { id: codex.grant.id } })).revokedAt).toBeNull();
    const inbox = await prisma.notification.findMany({ where: { userId: manager.id } });
    expect(inbox.map((n) => n.kind)).toEqual(["review.confirmed_violation"]);

    const detail = await getReviewItem(item.id);
    expect(detail!.history.map((h) => h.action)).toEqual(["review.confirmed", "review.grants_revoked"]);
    expect(detail!.item.clauses.map((c) => c.id)).toEqual([competing]);
    expect(detail!.grants.map((g) => g.id).sort()).toEqual([claude.grant.id, codex.grant.id].sort());
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });

  it("lets exactly one of two reviewers acting on the same version win", async () => {
    const { catalog, engineer, legal } = world;
    const other = await makeUser("Lou Legal", ["legal"]);
    const item = await makeViolationItem(catalog, engineer.id, "codex", []);
    await recordReviewOutcome(outcome(item.id, 1, { outcome: "cleared", note: "", notifyManager: false, revokeGrants: false }), legal);
    await expect(recordReviewOutcome(outcome(item.id, 1), other)).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await prisma.notification.count({ where: { kind: "review.confirmed_violation", body: { contains: item.title } } })).toBe(0);
  });

  it("escalates without resolving and refuses a stale version after that", async () => {
    const { catalog, engineer, legal } = world;
    const item = await makeViolationItem(catalog, engineer.id, "gemini-cli", []);
    await recordReviewOutcome(outcome(item.id, 1, { outcome: "escalated", note: "Needs counsel", notifyManager: false, revokeGrants: false }), legal);
    const escalated = await prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(escalated).toMatchObject({ status: "escalated", resolvedAt: null, version: 2 });
    await expect(recordReviewOutcome(outcome(item.id, 1, { outcome: "cleared" }), legal)).rejects.toMatchObject({ code: "conflict" });
    await recordReviewOutcome(outcome(item.id, 2, { outcome: "cleared", notifyManager: false, revokeGrants: false }), legal);
    expect((await prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("cleared");
  });

  it("rolls the outcome back when the person has no manager to notify", async () => {
    const { catalog, legal } = world;
    const loner = await makeUser("Lone Wolf", ["engineer"]);
    const item = await makeViolationItem(catalog, loner.id, "codex", []);
    await expect(recordReviewOutcome(outcome(item.id, 1, { revokeGrants: false }), legal)).rejects.toMatchObject({ code: "no_manager" });
    expect((await prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("open");
  });
});

describe("queue, assignment and bulk actions", () => {
  it("pages, filters and sorts the queue and applies bulk actions to open items only", async () => {
    const { catalog, engineer, legal } = world;
    const openai = catalog.clauses.get("openai:competing")!;
    const items = [];
    for (let i = 0; i < 3; i++) items.push(await makeViolationItem(catalog, engineer.id, "codex", [openai], 1));

    const byVendor = await listReviewQueue(parseQueueFilter({ vendor: "openai", pageSize: "10" }), legal.id);
    expect(byVendor.items.map((i) => i.id)).toEqual(expect.arrayContaining(items.map((i) => i.id)));
    expect(byVendor.items.every((i) => i.tool?.slug === "codex" && i.status === "open")).toBe(true);
    const byClause = await listReviewQueue(parseQueueFilter({ clause: openai }), legal.id);
    expect(byClause.total).toBe(3);

    await assignReviewItems(items.slice(0, 2).map((i) => i.id), legal.id, { type: "user", id: legal.id });
    const mine = await listReviewQueue(parseQueueFilter({ assignee: "me" }), legal.id);
    expect(mine.items.map((i) => i.id).sort()).toEqual(items.slice(0, 2).map((i) => i.id).sort());
    await expect(assignReviewItems([items[2].id], engineer.id, { type: "user", id: legal.id })).rejects.toMatchObject({ code: "invalid_assignee" });

    await recordReviewOutcome(outcome(items[0].id, 2, { outcome: "cleared", notifyManager: false, revokeGrants: false }), legal);
    const bulk = await resolveReviewItemsInBulk(items.map((i) => i.id), "escalated", "Ask counsel", { type: "user", id: legal.id });
    expect(bulk).toEqual({ updated: 2, skipped: 1 });
    expect((await prisma.reviewItem.findUniqueOrThrow({ where: { id: items[0].id } })).status).toBe("cleared");

    const page1 = await listReviewQueue(parseQueueFilter({ status: "all", pageSize: "10", sort: "age" }), legal.id);
    expect(page1.total).toBeGreaterThan(3);
    const events = await listReviewItemEvents({ ...items[1], contribution: null, request: null }, 1, 10);
    expect(events.total).toBe(1);
  });
});
