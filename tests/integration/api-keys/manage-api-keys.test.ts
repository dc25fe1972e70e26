import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { useTestDb } from "../../support/test-db";
import { createPerson } from "../usage/gateway-fixture";

useTestDb();
let adminId: string;
beforeAll(async () => {
  adminId = (await createPerson("admin@example.com", "E-ADM", ["admin"], null, null)).id;
});

describe("API key management", () => {
  it("shows the key once, stores only its hash, and audits creation and revocation", async () => {
    const actor = { type: "user" as const, id: adminId };
    const created = await createApiKey(actor, { name: "eu gateway", scopes: ["decide", "ingest", "decide"] });
    expect(created.key).toMatch(/^grk_/);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.scopes).toEqual(["decide", "ingest"]);
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row.prefix).toBe(created.key.slice(0, 10));

    await expect(authenticateApiKey(`Bearer ${created.key}`, "decide")).resolves.toMatchObject({ id: created.id });
    await expect(authenticateApiKey(`Bearer ${created.key}`, "read")).rejects.toMatchObject({ status: 403 });
    await expect(authenticateApiKey(created.key, "decide")).rejects.toMatchObject({ status: 401 });

    await revokeApiKey(actor, created.id);
    await expect(authenticateApiKey(`Bearer ${created.key}`, "decide")).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/revoked/) });
    await expect(revokeApiKey(actor, created.id)).rejects.toMatchObject({ status: 404 });

    const [listed] = await listApiKeys();
    expect(listed).toMatchObject({ name: "eu gateway", createdBy: "admin" });
    expect(listed.revokedAt).not.toBeNull();
    const audit = await prisma.auditEntry.findMany({ where: { entityId: created.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["api_key.created", "api_key.revoked"]);
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain(created.key);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("a key revoked by another process is refused within 5 s, even while it is in constant use", async () => {
    const created = await createApiKey({ type: "user", id: adminId }, { name: "busy gateway", scopes: ["decide"] });
    const auth = () => authenticateApiKey(`Bearer ${created.key}`, "decide");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const t0 = Date.now();
      await expect(auth()).resolves.toMatchObject({ id: created.id });
      // Another worker revokes it: the row changes, and this process's cache is not told.
      await prisma.apiKey.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
      vi.setSystemTime(t0 + 3_000);
      await expect(auth()).resolves.toMatchObject({ id: created.id }); // the answer read at t0
      vi.setSystemTime(t0 + 4_500); // its last second: answered from memory, and read again meanwhile
      await expect(auth()).resolves.toMatchObject({ id: created.id });
      await vi.waitFor(() => expect(auth()).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/revoked/) }));
      expect(Date.now() - t0).toBeLessThan(5_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it("an expired key answers 401 like a revoked one, even while its lookup is cached; the list shows the expiry", async () => {
    const actor = { type: "user" as const, id: adminId };
    const soon = new Date(Date.now() + 1500);
    const created = await createApiKey(actor, { name: "short-lived", scopes: ["decide"], expiresAt: soon });
    await expect(authenticateApiKey(`Bearer ${created.key}`, "decide")).resolves.toMatchObject({ id: created.id });
    await new Promise((r) => setTimeout(r, soon.getTime() - Date.now() + 50));
    await expect(authenticateApiKey(`Bearer ${created.key}`, "decide")).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/expired/) });
    const listed = (await listApiKeys()).find((k) => k.id === created.id)!;
    expect(listed.expiresAt?.getTime()).toBe(soon.getTime());
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { entityId: created.id, action: "api_key.created" } });
    expect((audit.data as { expiresAt: string }).expiresAt).toBe(soon.toISOString());
  });
});
