import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { apiKeyPrefix, hashApiKey, SCIM_SCOPE } from "@/lib/api-keys/key-hash";

export const SEED_SCIM_TOKEN_NAME = "Identity provider (seed)";

/**
 * With SEED_SCIM_TOKEN, a SCIM token (scope scim) whose value follows it, for demos and tests; without it, no
 * token is made (an admin creates one on the API keys page when connecting a real identity provider).
 */
export async function seedScimToken(value: string | undefined, createdById: string | null): Promise<"none" | "kept" | "created" | "rotated"> {
  if (!value) return "none";
  const hash = hashApiKey(value);
  const existing = await prisma.apiKey.findFirst({ where: { name: SEED_SCIM_TOKEN_NAME, revokedAt: null }, orderBy: { createdAt: "asc" } });
  if (existing && existing.hash === hash && existing.scopes.length === 1 && existing.scopes[0] === SCIM_SCOPE) return "kept";
  return prisma.$transaction(async (tx) => {
    if (existing) {
      await tx.apiKey.update({ where: { id: existing.id }, data: { hash, prefix: apiKeyPrefix(value), scopes: [SCIM_SCOPE] } });
      await appendAudit(tx, { actor: SYSTEM_ACTOR, action: "api_key.updated", entityType: "api_key", entityId: existing.id, data: { name: SEED_SCIM_TOKEN_NAME, scopes: [SCIM_SCOPE], newValue: true } });
      return "rotated" as const;
    }
    const created = await tx.apiKey.create({ data: { name: SEED_SCIM_TOKEN_NAME, hash, prefix: apiKeyPrefix(value), scopes: [SCIM_SCOPE], createdById } });
    await appendAudit(tx, { actor: SYSTEM_ACTOR, action: "api_key.created", entityType: "api_key", entityId: created.id, data: { name: SEED_SCIM_TOKEN_NAME, scopes: [SCIM_SCOPE], prefix: created.prefix } });
    return "created" as const;
  });
}
