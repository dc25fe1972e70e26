import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { useTestDb } from "../../support/test-db";

useTestDb();

describe("audit chain on a real database", () => {
  it("chains entries written in transactions and names the first tampered one", async () => {
    for (let i = 0; i < 5; i++) {
      await prisma.$transaction((tx) => appendAudit(tx, { actor: SYSTEM_ACTOR, action: "test.write", entityType: "seed", entityId: `t${i}`, data: { i, nested: { b: 2, a: 1 } } }));
    }
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, entries: 5 });

    await prisma.auditEntry.update({ where: { seq: 3n }, data: { data: { i: 99 } } });
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it("detects a deleted entry by the gap it leaves", async () => {
    await prisma.auditEntry.update({ where: { seq: 3n }, data: { data: { i: 2, nested: { a: 1, b: 2 } } } });
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, entries: 5 });
    await prisma.auditEntry.delete({ where: { seq: 4n } });
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });

  it("does not write the entry when the surrounding transaction fails", async () => {
    const before = await prisma.auditEntry.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await appendAudit(tx, { actor: SYSTEM_ACTOR, action: "test.rollback", entityType: "seed" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.auditEntry.count()).toBe(before);
  });
});
