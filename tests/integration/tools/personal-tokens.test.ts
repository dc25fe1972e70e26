import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { assertEventsSpeakFor, createPersonalToken, listPersonalTokens, revokePersonalToken, speaksFor } from "@/lib/api-keys/personal-tokens";
import { addRepositoryMapping, removeRepositoryMapping, setProjectDefaultActivity } from "@/lib/tools/manage-repository-mappings";
import { dismissUnmatchedTelemetry, listUnmatchedTelemetry, recordUnmatched } from "@/lib/tools/unmatched-telemetry";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, type GatewayFixture } from "../usage/gateway-fixture";

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

describe("personal tokens", () => {
  it("are shown once, hashed at rest, speak only for their owner, and stay out of the gateway key list", async () => {
    const created = await createPersonalToken(fx.engineer, { name: "laptop" });
    expect(created.key).toMatch(/^grp_/);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).not.toContain(created.key);
    expect(row).toMatchObject({ ownerId: fx.engineer.id, scopes: ["decide", "ingest"] });
    const principal = await authenticateApiKey(`Bearer ${created.key}`, "decide");
    expect(principal.owner).toEqual({ id: fx.engineer.id, email: "engineer@example.com", employeeId: "E-ENG", aliases: [] });
    expect(speaksFor(principal, "ENGINEER@example.com")).toBe(true);
    expect(speaksFor(principal, "E-ENG")).toBe(true);
    expect(speaksFor(principal, "manager@example.com")).toBe(false);
    await expect(authenticateApiKey(`Bearer ${created.key}`, "read")).rejects.toMatchObject({ status: 403 });
    expect((await listApiKeys()).some((k) => k.id === created.id)).toBe(false);
    expect((await listPersonalTokens(fx.engineer.id)).map((t) => t.name)).toContain("laptop");
    const audit = await prisma.auditEntry.findFirst({ where: { action: "personal_token.created", entityId: created.id } });
    expect(audit).not.toBeNull();
  });

  it("can be revoked by their owner only; a revoked token gets 401 at once", async () => {
    const created = await createPersonalToken(fx.engineer, { name: "desktop" });
    await expect(revokePersonalToken(fx.manager, created.id)).rejects.toMatchObject({ status: 404 });
    await revokePersonalToken(fx.engineer, created.id);
    await expect(authenticateApiKey(`Bearer ${created.key}`, "decide")).rejects.toMatchObject({ status: 401 });
  });
});

describe("repository mappings, default activities and unmatched names", () => {
  const admin = { type: "system" as const, id: null };
  it("normalizes patterns, refuses a second mapping of the same repository, clears the unmatched row it fixes, and audits", async () => {
    await recordUnmatched([{ kind: "repository", value: "git@github.com:acme/ads.git", source: "hook" }, { kind: "repository", value: "git@github.com:acme/ads.git", source: "hook" }]);
    expect((await listUnmatchedTelemetry()).find((r) => r.value === "git@github.com:acme/ads.git")?.count).toBe(2);
    const row = await addRepositoryMapping(admin, { projectKey: "ads-ranking", pattern: "git@github.com:acme/ads.git" });
    expect(row.pattern).toBe("github.com/acme/ads");
    expect((await listUnmatchedTelemetry()).find((r) => r.value === "git@github.com:acme/ads.git")).toBeUndefined();
    await expect(addRepositoryMapping(admin, { projectKey: "infra-ci", pattern: "https://github.com/acme/ads" })).rejects.toMatchObject({ status: 400, fields: [{ path: "pattern" }] });
    await expect(addRepositoryMapping(admin, { projectKey: "nope", pattern: "/x" })).rejects.toMatchObject({ status: 400, fields: [{ path: "projectKey" }] });
    await removeRepositoryMapping(admin, row.id);
    await expect(removeRepositoryMapping(admin, row.id)).rejects.toMatchObject({ status: 404 });
    const actions = (await prisma.auditEntry.findMany({ where: { entityType: "repository_mapping" }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["repository_mapping.created", "repository_mapping.removed"]));
  });

  it("sets and clears a project's default activity", async () => {
    expect(await setProjectDefaultActivity(admin, { projectKey: "infra-ci", activitySlug: "test-infrastructure" })).toEqual({ projectKey: "infra-ci", activity: "test-infrastructure" });
    expect(await setProjectDefaultActivity(admin, { projectKey: "infra-ci", activitySlug: null })).toEqual({ projectKey: "infra-ci", activity: null });
    await expect(setProjectDefaultActivity(admin, { projectKey: "infra-ci", activitySlug: "nope" })).rejects.toMatchObject({ status: 400 });
    await expect(setProjectDefaultActivity(admin, { projectKey: "nope", activitySlug: null })).rejects.toMatchObject({ status: 404 });
  });

  it("dismisses an unmatched row", async () => {
    await recordUnmatched([{ kind: "user", value: "ghost@example.com", source: "otlp" }]);
    const row = (await listUnmatchedTelemetry()).find((r) => r.value === "ghost@example.com")!;
    await dismissUnmatchedTelemetry(admin, row.id);
    await expect(dismissUnmatchedTelemetry(admin, row.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("assertEventsSpeakFor", () => {
  it("lets a gateway key through, and a personal token only with its owner's events", () => {
    const owner = { owner: { id: "u1", email: "ana@example.com", employeeId: "E-1" } };
    expect(() => assertEventsSpeakFor({ owner: null }, [{ user: "anyone@example.com" }])).not.toThrow();
    expect(() => assertEventsSpeakFor(owner, [{ user: "ana@example.com" }, { user: "E-1" }, { user: 3 }, null])).not.toThrow();
    expect(() => assertEventsSpeakFor(owner, [{ user: "ana@example.com" }, { user: "bob@example.com" }])).toThrow(/bob@example.com/);
  });
});
