import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { API_KEY_SCOPES, apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/api-keys/key-hash";

export const SEED_API_KEY_NAME = "Demo gateway (seed)";

export type SeededApiKey = { id: string; action: "kept" | "created" | "rotated"; /** only when generated here: shown once */ plaintext: string | null };

/**
 * The demo gateway's key with every scope. With `value` (SEED_API_KEY) the stored hash follows it; without,
 * a key is generated on the first run only and its value returned to be printed once.
 */
export async function seedApiKey(value: string | undefined, createdById: string | null): Promise<SeededApiKey> {
  const scopes = [...API_KEY_SCOPES];
  const existing = await prisma.apiKey.findFirst({ where: { name: SEED_API_KEY_NAME, revokedAt: null }, orderBy: { createdAt: "asc" } });
  const sameScopes = existing && existing.scopes.length === scopes.length && scopes.every((s) => existing.scopes.includes(s));
  if (existing && sameScopes && (!value || existing.hash === hashApiKey(value))) return { id: existing.id, action: "kept", plaintext: null };

  const plaintext = value ?? (existing ? null : generateApiKey());
  return prisma.$transaction(async (tx) => {
    if (existing) {
      const data = plaintext ? { hash: hashApiKey(plaintext), prefix: apiKeyPrefix(plaintext), scopes } : { scopes };
      await tx.apiKey.update({ where: { id: existing.id }, data });
      await appendAudit(tx, { actor: SYSTEM_ACTOR, action: "api_key.updated", entityType: "api_key", entityId: existing.id, data: { name: SEED_API_KEY_NAME, scopes, newValue: !!plaintext } });
      return { id: existing.id, action: "rotated" as const, plaintext: null };
    }
    const created = await tx.apiKey.create({ data: { name: SEED_API_KEY_NAME, hash: hashApiKey(plaintext!), prefix: apiKeyPrefix(plaintext!), scopes, createdById } });
    await appendAudit(tx, { actor: SYSTEM_ACTOR, action: "api_key.created", entityType: "api_key", entityId: created.id, data: { name: SEED_API_KEY_NAME, scopes, prefix: created.prefix } });
    return { id: created.id, action: "created" as const, plaintext: value ? null : plaintext };
  });
}
