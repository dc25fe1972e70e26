import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/audit/append-audit";
import { SCIM_DEACTIVATION_REASON } from "@/lib/scim/scim-deactivation";
import { createScimUser } from "@/lib/scim/users/create-scim-user";
import { deleteScimUser } from "@/lib/scim/users/delete-scim-user";
import { patchScimUser } from "@/lib/scim/users/patch-scim-user";
import { getScimUser } from "@/lib/scim/users/read-scim-users";
import { decide } from "@/lib/policy/decide";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createGrant, usageEvent, type GatewayFixture } from "../usage/gateway-fixture";
import { BASE_URL, createScimToken, idpBody } from "./scim-fixture";

useTestDb();
let fx: GatewayFixture;
let entra: Actor;
beforeAll(async () => {
  fx = await createGatewayFixture();
  entra = (await createScimToken("Entra ID")).actor;
});

const product = { tool: "claude-code", activity: "product-code", project: "ads-ranking" };

describe("active: false from the identity provider", () => {
  it("takes over the existing person by email, then deactivation denies with user_inactive, revokes open grants and keeps history", async () => {
    const grant = await createGrant(fx, fx.engineer.id);
    expect((await decide({ user: "engineer@example.com", ...product })).reasons[0].code).toBe("allowed_by_grant");
    await ingestUsageEvents([usageEvent()]);

    const linked = await createScimUser(entra, { userName: "engineer@example.com", externalId: "aad-eng-1", name: { givenName: "Eng", familyName: "Ineer" } }, BASE_URL);
    expect(linked.id).toBe(fx.engineer.id);
    expect(await prisma.user.count({ where: { email: "engineer@example.com" } })).toBe(1);

    const disabled = await patchScimUser(entra, linked.id, idpBody("entra/disable-user-string-false.json"), BASE_URL);
    expect(disabled.active).toBe(false);
    const decision = await decide({ user: "engineer@example.com", ...product });
    expect(decision).toMatchObject({ decision: "deny", reasons: [{ code: "user_inactive" }] });

    const after = await prisma.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { request: true } });
    expect(after.revokedAt).not.toBeNull();
    expect(after.revokeReason).toBe(SCIM_DEACTIVATION_REASON);
    expect(after.request.status).toBe("revoked");
    expect(await prisma.usageEvent.count({ where: { userId: fx.engineer.id } })).toBe(1);
    expect(await prisma.exceptionRequest.count({ where: { requesterId: fx.engineer.id } })).toBe(1);

    const audit = await prisma.auditEntry.findMany({ where: { entityId: fx.engineer.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["scim.user.linked", "scim.user.patched"]);
    expect(audit[1].data).toMatchObject({ revokedGrantIds: [grant.id] });
    expect(await prisma.auditEntry.findFirst({ where: { action: "grant.revoked", entityId: grant.id } })).toMatchObject({ data: { reason: SCIM_DEACTIVATION_REASON } });

    const reactivated = await patchScimUser(entra, linked.id, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "True" }] }, BASE_URL);
    expect(reactivated.active).toBe(true);
    expect((await decide({ user: "engineer@example.com", tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" })).decision).toBe("allow");
    expect((await prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).not.toBeNull();
  });

  it("DELETE keeps the person and their history, denies their decisions and frees the userName", async () => {
    const user = await createScimUser(entra, { userName: "leaver@example.com" }, BASE_URL);
    await ingestUsageEvents([usageEvent({ user: "leaver@example.com" })]);
    await deleteScimUser(entra, user.id);

    await expect(getScimUser(user.id, BASE_URL)).rejects.toMatchObject({ status: 404 });
    await expect(deleteScimUser(entra, user.id)).rejects.toMatchObject({ status: 404 });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ active: false, provisioningSource: "scim_deleted", userName: null });
    expect(await prisma.usageEvent.count({ where: { userId: user.id } })).toBe(1);
    expect((await decide({ user: "leaver@example.com", tool: "claude-code", activity: "test-infrastructure" })).reasons[0].code).toBe("user_inactive");

    const back = await createScimUser(entra, { userName: "leaver@example.com" }, BASE_URL);
    expect(back.id).toBe(user.id);
    expect(back.active).toBe(true);
  });
});
