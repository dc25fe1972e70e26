import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { findPerson } from "@/lib/policy/person-directory";
import { loadPolicyState } from "@/lib/policy/policy-snapshot";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createGrant, type GatewayFixture } from "../usage/gateway-fixture";

// What another process writes (raw SQL here: nothing tells this process) reaches the snapshot at the next probe,
// and a probe that finds nothing changed keeps the data it has.

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const state = () => loadPolicyState({ fresh: true });
const exec = (sql: string, ...values: unknown[]) => prisma.$executeRawUnsafe(sql, ...values);

describe("the policy snapshot's change probe", () => {
  it("keeps the snapshot and directory while nothing changed", async () => {
    expect(env.policyRefreshMs).toBe(0);
    const a = await state();
    const b = await state();
    expect(b.snapshot).toBe(a.snapshot);
    expect(b.directory).toBe(a.directory);
    await exec(`SELECT * FROM "User" FOR UPDATE`); // locking rows changes nothing
    expect((await state()).directory).toBe(a.directory);
  });

  it("sees an update, an insert and a delete in the catalog, made without telling this process", async () => {
    await exec(`UPDATE "Tool" SET "status" = 'blocked' WHERE "id" = $1`, fx.claude.id);
    expect((await state()).snapshot.toolsById.get(fx.claude.id)?.status).toBe("blocked");
    await exec(`UPDATE "Tool" SET "status" = 'approved' WHERE "id" = $1`, fx.claude.id);
    expect((await state()).snapshot.toolsById.get(fx.claude.id)?.status).toBe("approved");

    await exec(`UPDATE "Team" SET "parentId" = NULL WHERE "id" = $1`, fx.team.id);
    const sub = await prisma.team.create({ data: { slug: "sub", name: "Sub", parentId: fx.team.id } });
    expect((await state()).snapshot.teamParents.get(sub.id)).toBe(fx.team.id);
    await exec(`DELETE FROM "Team" WHERE "id" = $1`, sub.id);
    expect((await state()).snapshot.teamParents.has(sub.id)).toBe(false);

    await exec(`UPDATE "Cap" SET "monthlyTokens" = 42 WHERE "scope" = 'role'`);
    expect(Number((await state()).snapshot.caps.find((c) => c.scope === "role")?.monthlyTokens)).toBe(42);
    await exec(`DELETE FROM "PolicyRule" WHERE "id" = $1`, fx.prohibitRule.id);
    expect((await state()).snapshot.rules.some((r) => r.id === fx.prohibitRule.id)).toBe(false);
  });

  it("sees people, aliases and grants change", async () => {
    await exec(`UPDATE "User" SET "name" = 'Renamed' WHERE "id" = $1`, fx.engineer.id);
    expect(findPerson((await state()).directory, fx.engineer.email)?.person.name).toBe("Renamed");
    await exec(`INSERT INTO "UserEmailAlias" ("id", "email", "userId") VALUES ('alias-1', 'eng.home@example.com', $1)`, fx.engineer.id);
    expect(findPerson((await state()).directory, "eng.home@example.com")?.person.id).toBe(fx.engineer.id);
    await exec(`DELETE FROM "UserEmailAlias" WHERE "id" = 'alias-1'`);
    expect(findPerson((await state()).directory, "eng.home@example.com")).toBeNull();

    const grant = await createGrant(fx, fx.engineer.id);
    const grantId = grant.id;
    expect(findPerson((await state()).directory, fx.engineer.id)?.grants.map((g) => g.id)).toContain(grantId);
    await exec(`UPDATE "Grant" SET "revokedAt" = now() WHERE "id" = $1`, grantId);
    expect(findPerson((await state()).directory, fx.engineer.id)?.grants.find((g) => g.id === grantId)?.revokedAt).toBeInstanceOf(Date);
  });
});
