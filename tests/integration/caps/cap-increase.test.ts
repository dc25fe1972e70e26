import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { requestCapIncrease } from "@/lib/caps/request-cap-increase";
import { capIncreaseSchema } from "@/lib/validation/cap";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, type GatewayFixture } from "../usage/gateway-fixture";

useTestDb();
let fx: GatewayFixture;
let adminId: string;
beforeAll(async () => {
  fx = await createGatewayFixture();
  adminId = (await createPerson("admin@example.com", "E-ADM", ["admin"], null, null)).id;
});

const ask = (over: Record<string, string> = {}) => capIncreaseSchema.parse({ monthlyTokens: "2500000", reason: "Migrating the CI fleet this month.", ...over });

describe("requestCapIncrease", () => {
  it("tells the manager and the admins once per period, and audits the ask", async () => {
    const engineer = { id: fx.engineer.id, name: fx.engineer.name, email: fx.engineer.email };
    const first = await requestCapIncrease(engineer, ask());
    expect(first).toMatchObject({ notified: 2, currentCap: 1_000_000 });
    const inbox = await prisma.notification.findMany({ where: { kind: "cap.increase_requested" }, orderBy: { userId: "asc" } });
    expect(inbox.map((n) => n.userId).sort()).toEqual([adminId, fx.manager.id].sort());
    expect(inbox[0].body).toContain("2,500,000 tokens (now 1,000,000)");
    expect(inbox[0].link).toBe("/admin/caps");

    const again = await requestCapIncrease(engineer, ask({ reason: "Asking again the same month." }));
    expect(again.notified).toBe(0);
    expect(await prisma.notification.count({ where: { kind: "cap.increase_requested" } })).toBe(2);
    expect(await prisma.auditEntry.count({ where: { action: "cap.increase_requested", entityId: fx.engineer.id } })).toBe(2);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("names the fields of a bad ask", () => {
    const r = capIncreaseSchema.safeParse({ monthlyTokens: "-5", reason: "more" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(["monthlyTokens", "reason"]);
  });
});
