import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { buildEvidenceReport } from "@/lib/evidence/build-evidence-report";
import { eventsCsvStream } from "@/lib/evidence/events-csv";
import { parseEvidenceScope, scopeEventsWhere } from "@/lib/evidence/evidence-scope";
import { recordReviewOutcome } from "@/lib/review/record-review-outcome";
import { useTestDb } from "../../support/test-db";
import { makeViolationItem, makeWorld } from "../review/review-fixtures";

useTestDb();

let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  world = await makeWorld();
});

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describe("evidence export", () => {
  it("streams every event of an item, a clause or a filter as CSV", async () => {
    const { catalog, engineer, legal } = world;
    const clause = catalog.clauses.get("google:competing")!;
    const item = await makeViolationItem(catalog, engineer.id, "gemini-cli", [clause], 5);
    const other = await makeViolationItem(catalog, engineer.id, "codex", [], 2);

    const byItem = await scopeEventsWhere(parseEvidenceScope({ item: item.id }), legal.id);
    const csv = (await readAll(eventsCsvStream(byItem.where))).trim().split("\r\n");
    expect(csv[0]).toMatch(/^externalId,occurredAt,receivedAt,user,tool,project,activity/);
    expect(csv).toHaveLength(6);
    expect(csv.slice(1).every((l) => l.includes(",gemini-cli,coding-challenges,benchmark-design,"))).toBe(true);

    const byClause = await scopeEventsWhere(parseEvidenceScope({ clause }), legal.id);
    expect(await prisma.usageEvent.count({ where: byClause.where })).toBe(5);
    const byFilter = await scopeEventsWhere(parseEvidenceScope(new URLSearchParams("type=violation&vendor=openai")), legal.id);
    expect((await prisma.usageEvent.findMany({ where: byFilter.where, select: { reviewItemId: true } })).every((e) => e.reviewItemId === other.id)).toBe(true);
  });

  it("builds the printable report with the item's audit entries and a verified chain, and records the export", async () => {
    const { catalog, engineer, legal } = world;
    const item = await makeViolationItem(catalog, engineer.id, "copilot", [], 3);
    await recordReviewOutcome({ itemId: item.id, version: 1, outcome: "escalated", note: "Needs counsel", notifyManager: false, revokeGrants: false }, legal);
    const report = await buildEvidenceReport({ kind: "item", id: item.id }, { type: "user", id: legal.id });
    expect(report.items.map((i) => i.id)).toEqual([item.id]);
    expect(report.eventTotal).toBe(3);
    expect(report.audit.map((a) => a.action)).toEqual(["review.escalated"]);
    expect(report.chain).toMatchObject({ ok: true });
    const exported = await prisma.auditEntry.findFirst({ where: { action: "evidence.exported", entityId: item.id } });
    expect(exported?.data).toMatchObject({ format: "report" });
  });
});
