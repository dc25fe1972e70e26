import { describe, expect, it } from "vitest";
import { parseQueueFilter, queueFilterQuery, reviewOutcomeSchema, bulkReviewSchema } from "@/lib/validation/review";
import { formatAge, itemAgeHours } from "@/lib/review/item-age";
import { reviewQueueOrder, reviewQueueWhere } from "@/lib/review/queue-where";

describe("parseQueueFilter", () => {
  it("defaults to open items by severity, first page", () => {
    expect(parseQueueFilter({})).toEqual({ status: "open", sort: "severity", page: 1, pageSize: 50 });
  });

  it("reads every filter from the URL", () => {
    const f = parseQueueFilter(new URLSearchParams("type=violation&status=all&vendor=anthropic&clause=c1&team=platform&assignee=me&sort=age&page=3&pageSize=20"));
    expect(f).toEqual({ type: "violation", status: "all", vendor: "anthropic", clause: "c1", team: "platform", assignee: "me", sort: "age", page: 3, pageSize: 20 });
  });

  it("falls back to defaults for tampered values instead of failing", () => {
    const f = parseQueueFilter({ type: "drop table", status: "bogus", sort: "x", page: "-4", pageSize: "100000", vendor: "  " });
    expect(f).toEqual({ status: "open", sort: "severity", page: 1, pageSize: 50 });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseQueueFilter({ type: ["re_review", "violation"] }).type).toBe("re_review");
  });

  it("round-trips through the query string, leaving defaults out", () => {
    const f = parseQueueFilter({ type: "violation", vendor: "openai", page: "2" });
    expect(queueFilterQuery(f)).toBe("?type=violation&vendor=openai&page=2");
    expect(parseQueueFilter(new URLSearchParams(queueFilterQuery(f).slice(1)))).toEqual(f);
    expect(queueFilterQuery(f, { page: 1 })).toBe("?type=violation&vendor=openai");
  });
});

describe("reviewQueueWhere and order", () => {
  it("builds one condition per filter and resolves 'me' to the viewer", () => {
    const where = reviewQueueWhere(parseQueueFilter({ type: "violation", assignee: "me", clause: "c1" }), "viewer-1");
    expect(where).toEqual({
      AND: [{ status: "open" }, { type: "violation" }, { clauses: { some: { clauseId: "c1" } } }, { assigneeId: "viewer-1" }],
    });
    expect(reviewQueueWhere(parseQueueFilter({ status: "all", assignee: "none" }), "v")).toEqual({ AND: [{ assigneeId: null }] });
  });

  it("sorts by severity then oldest first, or by age alone", () => {
    expect(reviewQueueOrder(parseQueueFilter({}))[0]).toEqual({ severity: "desc" });
    expect(reviewQueueOrder(parseQueueFilter({ sort: "age" }))[0]).toEqual({ openedAt: "asc" });
  });
});

describe("item age", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  it("counts until now while open and until resolution once resolved", () => {
    expect(itemAgeHours({ openedAt: new Date("2026-11-18T12:00:00Z"), resolvedAt: null }, now)).toBe(48);
    expect(itemAgeHours({ openedAt: new Date("2026-11-18T12:00:00Z"), resolvedAt: new Date("2026-11-18T15:30:00Z") }, now)).toBe(3);
    expect(formatAge(0)).toBe("< 1 h");
    expect(formatAge(47)).toBe("47 h");
    expect(formatAge(72)).toBe("3 d");
  });
});

describe("outcome and bulk forms", () => {
  const id = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
  it("requires a note for a confirmed violation and reads the follow-up checkboxes", () => {
    expect(reviewOutcomeSchema.safeParse({ itemId: id, version: "2", outcome: "confirmed", note: "" }).success).toBe(false);
    expect(reviewOutcomeSchema.parse({ itemId: id, version: "2", outcome: "confirmed", note: "Breach", notifyManager: "on" })).toMatchObject({
      version: 2,
      notifyManager: true,
      revokeGrants: false,
    });
  });

  it("splits and de-duplicates the selected ids and rejects non-ids", () => {
    expect(bulkReviewSchema.parse({ itemIds: `${id},${id}`, action: "clear" }).itemIds).toEqual([id]);
    expect(bulkReviewSchema.safeParse({ itemIds: "x", action: "clear" }).success).toBe(false);
    expect(bulkReviewSchema.safeParse({ itemIds: id, action: "assign" }).success).toBe(false);
  });
});
