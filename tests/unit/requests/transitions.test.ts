import { describe, expect, it } from "vitest";
import type { RequestStatus } from "@/lib/generated/prisma/enums";
import { stageOf, transition, type RequestEvent } from "@/lib/requests/transitions";

const ALL: RequestStatus[] = ["pending_manager", "pending_legal", "approved", "rejected", "withdrawn", "expired", "revoked"];

describe("request transitions", () => {
  it.each<[RequestStatus, RequestEvent, RequestStatus]>([
    ["pending_manager", { type: "approve", stage: "manager", requiresLegal: false }, "approved"],
    ["pending_manager", { type: "approve", stage: "manager", requiresLegal: true }, "pending_legal"],
    ["pending_manager", { type: "reject", stage: "manager" }, "rejected"],
    ["pending_manager", { type: "withdraw" }, "withdrawn"],
    ["pending_legal", { type: "approve", stage: "legal", requiresLegal: true }, "approved"],
    ["pending_legal", { type: "reject", stage: "legal" }, "rejected"],
    ["pending_legal", { type: "withdraw" }, "withdrawn"],
    ["approved", { type: "revoke" }, "revoked"],
    ["approved", { type: "expire" }, "expired"],
  ])("%s --%o--> %s", (from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, to });
  });

  it.each<[RequestStatus, RequestEvent]>([
    ["pending_manager", { type: "approve", stage: "legal", requiresLegal: true }],
    ["pending_manager", { type: "reject", stage: "legal" }],
    ["pending_legal", { type: "approve", stage: "manager", requiresLegal: true }],
    ["pending_legal", { type: "reject", stage: "manager" }],
    ["pending_manager", { type: "revoke" }],
    ["pending_legal", { type: "expire" }],
    ["approved", { type: "approve", stage: "manager", requiresLegal: false }],
    ["approved", { type: "withdraw" }],
    ["rejected", { type: "approve", stage: "manager", requiresLegal: false }],
    ["withdrawn", { type: "withdraw" }],
    ["revoked", { type: "revoke" }],
    ["expired", { type: "revoke" }],
    ["revoked", { type: "expire" }],
  ])("refuses %s --%o-->", (from, event) => {
    const result = transition(from, event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
  });

  it("terminal states accept no event at all", () => {
    const events: RequestEvent[] = [
      { type: "approve", stage: "manager", requiresLegal: false },
      { type: "approve", stage: "legal", requiresLegal: false },
      { type: "reject", stage: "manager" },
      { type: "reject", stage: "legal" },
      { type: "withdraw" },
      { type: "revoke" },
      { type: "expire" },
    ];
    for (const from of ["rejected", "withdrawn", "expired", "revoked"] as RequestStatus[]) {
      for (const e of events) expect(transition(from, e).ok).toBe(false);
    }
  });

  it("names the stage a status waits on", () => {
    expect(ALL.map(stageOf)).toEqual(["manager", "legal", null, null, null, null, null]);
  });
});
