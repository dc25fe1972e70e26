import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { notFound } from "@/lib/errors";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "./key-hash";
import { invalidateApiKeyCache } from "./authenticate-api-key";

/** Creates a key; the plain value is returned once and only its hash is stored. */
export async function createApiKey(actor: Actor, input: { name: string; scopes: string[]; expiresAt?: Date | null }) {
  const key = generateApiKey();
  const prefix = apiKeyPrefix(key);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: input.name, prefix, hash: hashApiKey(key), scopes: [...new Set(input.scopes)], expiresAt: input.expiresAt ?? null, createdById: actor.type === "user" ? actor.id : null },
    });
    await appendAudit(tx, { actor, action: "api_key.created", entityType: "api_key", entityId: created.id, data: { name: created.name, prefix, scopes: created.scopes, expiresAt: created.expiresAt } });
    return created;
  });
  return { id: row.id, name: row.name, prefix, key, expiresAt: row.expiresAt };
}

/** Revokes a key at once: calls with it get 401 from now on. */
export async function revokeApiKey(actor: Actor, id: string) {
  const revoked = await prisma.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw notFound("Active API key");
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id }, select: { id: true, name: true, prefix: true } });
    await appendAudit(tx, { actor, action: "api_key.revoked", entityType: "api_key", entityId: id, data: { name: key.name, prefix: key.prefix } });
    return key;
  });
  invalidateApiKeyCache();
  return revoked;
}

export async function listApiKeys() {
  // Personal tokens are their owners' business (Connect your tools); this lists the gateway keys.
  const rows = await prisma.apiKey.findMany({
    where: { ownerId: null },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, createdBy: r.createdBy?.name ?? null }));
}
