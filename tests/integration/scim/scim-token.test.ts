import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { seedApiKey } from "@/lib/seed/seed-api-key";
import { SEED_SCIM_TOKEN_NAME, seedScimToken } from "@/lib/seed/seed-scim-token";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { useTestDb } from "../../support/test-db";

useTestDb();

describe("SCIM tokens", () => {
  it("SEED_SCIM_TOKEN makes a key with the scim scope alone, kept on a rerun and rotated on a new value", async () => {
    expect(await seedScimToken(undefined, null)).toBe("none");
    const value = "scim-demo-token-0123456789";
    expect(await seedScimToken(value, null)).toBe("created");
    expect(await seedScimToken(value, null)).toBe("kept");
    const principal = await authenticateApiKey(`Bearer ${value}`, "scim");
    expect(principal).toMatchObject({ name: SEED_SCIM_TOKEN_NAME, scopes: ["scim"] });
    await expect(authenticateApiKey(`Bearer ${value}`, "decide")).rejects.toMatchObject({ status: 403 });

    expect(await seedScimToken("scim-demo-token-rotated-000", null)).toBe("rotated");
    expect(await prisma.apiKey.count({ where: { name: SEED_SCIM_TOKEN_NAME } })).toBe(1);
    const audit = await prisma.auditEntry.findMany({ where: { entityType: "api_key" }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["api_key.created", "api_key.updated"]);
  });

  it("the gateway key the seed makes does not get the scim scope", async () => {
    const key = await seedApiKey("gateway-demo-key-0123456789", null);
    await expect(authenticateApiKey("Bearer gateway-demo-key-0123456789", "scim")).rejects.toMatchObject({ status: 403 });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes).toEqual(["ingest", "decide", "read"]);
  });

  it("an admin-made key may hold scim, but only alone", () => {
    expect(createApiKeySchema.safeParse({ name: "Okta", scopes: ["scim"] }).success).toBe(true);
    const mixed = createApiKeySchema.safeParse({ name: "Okta", scopes: ["scim", "decide"] });
    expect(mixed.success).toBe(false);
    expect(mixed.error?.issues[0].message).toMatch(/scim scope alone/);
  });
});
